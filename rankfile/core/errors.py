class RuleViolation(Exception):
    """A state change the rules do not allow (yet). The message is shown to the person as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
