import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rankfile.settings")
django.setup(set_prefix=False)

from rankfile.core.asgi import SyncChainASGIHandler  # noqa: E402

django_asgi_app = SyncChainASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from rankfile.routing import websocket_urlpatterns  # noqa: E402
from rankfile.votes.intake import BallotIntake  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": BallotIntake(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
