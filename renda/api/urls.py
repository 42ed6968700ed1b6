"""The REST API at /api/v1/; one module per domain registers its router here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Renda API",
    version="1.0.0",
    description="人大工作平台接口 · Renda people's-congress platform API",
    urls_namespace="api",
)
