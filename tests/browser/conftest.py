from tests.i18n.catalogs import compile_stale_catalogs


def pytest_configure(config) -> None:
    compile_stale_catalogs()
