"""The demo scenario a newcomer sees first (`rankfile demo`, `make run`): a federation of
committees with their members, a strike campaign and polls, all made through the services."""
