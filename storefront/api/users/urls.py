"""URL map of the users API (register, login, logout, profile, viewUsers), collected into the `api` namespace by artiqo.api_v1."""
from artiqo.core.api.routing import api_path
from storefront.api.users.views import ProfileDetailApi, UserListApi, UserLoginApi, UserLogoutApi, UserRegisterApi

urlpatterns = [
    api_path("users/register", UserRegisterApi.as_view(), "register"),
    api_path("users/login", UserLoginApi.as_view(), "login"),
    api_path("users/logout", UserLogoutApi.as_view(), "logout"),
    api_path("users/profile", ProfileDetailApi.as_view(), "profile"),
    api_path("users/viewUsers", UserListApi.as_view(), "user-list"),
]
