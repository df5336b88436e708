"""The project's `migrate` (artiqo/core/management/commands/migrate.py) plans a fresh database in a
cheaper order; these tests hold that the order is still one Django may run."""

import pytest
from django.core.management import get_commands
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from artiqo.core.management.commands.migrate import _is_project_app, _ThirdPartyFirstExecutor

pytestmark = pytest.mark.django_db


def _fresh_plan():
    executor = _ThirdPartyFirstExecutor(connection)
    return executor, executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)


def test_migrate_is_the_projects_faster_command():
    assert get_commands()["migrate"] == "artiqo.core"


def test_a_fresh_plan_runs_every_migration_once_after_its_dependencies():
    executor, plan = _fresh_plan()
    position = {migration.app_label + "." + migration.name: i for i, (migration, _) in enumerate(plan)}
    assert len(position) == len(plan)
    graph = executor.loader.graph
    for migration, backwards in plan:
        assert not backwards
        for parent in graph.node_map[(migration.app_label, migration.name)].parents:
            assert position[f"{parent.key[0]}.{parent.key[1]}"] < position[f"{migration.app_label}.{migration.name}"]


def test_wagtail_migrates_before_any_of_artiqos_models_are_in_the_state():
    _, plan = _fresh_plan()
    first_project = next(i for i, (m, _) in enumerate(plan) if _is_project_app(m.app_label))
    wagtail = [i for i, (m, _) in enumerate(plan) if m.app_label.startswith("wagtail")]
    assert wagtail and max(wagtail) < first_project


def test_a_migration_to_a_named_target_keeps_djangos_plan():
    executor = _ThirdPartyFirstExecutor(connection)
    target = [("wagtailcore", executor.loader.graph.leaf_nodes("wagtailcore")[0][1])]
    assert executor.migration_plan(target, clean_start=True) == MigrationExecutor(connection).migration_plan(
        target, clean_start=True
    )
