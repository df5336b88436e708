"""URL map of the accounts API (/api/v1/users/...), each path with and without a trailing slash.

No `app_name`: the module is included inside the API's `api` namespace, so the names
stay `api:register`, `api:login`, `api:logout`, `api:profile` and `api:user-list`.
"""
from artiqo.core.api.routing import api_path
from storefront.accounts.api.views import ProfileDetailApi, UserListApi, UserLoginApi, UserLogoutApi, UserRegisterApi

urlpatterns = [
    api_path("users/register", UserRegisterApi.as_view(), "register"),
    api_path("users/login", UserLoginApi.as_view(), "login"),
    api_path("users/logout", UserLogoutApi.as_view(), "logout"),
    api_path("users/profile", ProfileDetailApi.as_view(), "profile"),
    api_path("users/viewUsers", UserListApi.as_view(), "user-list"),
]
