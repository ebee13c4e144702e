"""Each service's database migrated once per test session, shared by the contract tests that
only read its schema or try what its roles may do."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_common.testing.plugin import Databases
from crm_common.testing.services import migrated_database


class MigratedDatabases:
    def __init__(self, databases: Databases, log_dir: Path) -> None:
        self._databases = databases
        self._log_dir = log_dir
        self._urls: dict[str, str] = {}

    async def __call__(self, service: str) -> str:
        """The owner's URL of ``service``'s database, migrated as the service migrates it."""
        if service not in self._urls:
            purpose = f"contract_{service.replace('-', '_')}"
            self._urls[service] = await migrated_database(
                service, self._databases, purpose, self._log_dir
            )
        return self._urls[service]


@pytest.fixture(scope="session")
def migrated(databases: Databases, tmp_path_factory: pytest.TempPathFactory) -> MigratedDatabases:
    return MigratedDatabases(databases, tmp_path_factory.mktemp("contract-migrations"))
