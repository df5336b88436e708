"""Operational endpoints of the project."""
from django.db import connection
from django.http import JsonResponse


def healthz(request):
    """Liveness and database check for load balancers and the run command."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
