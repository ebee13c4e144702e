from crm_common.runtime.service import run_cli
from crm_notifications.bootstrap import DEFINITION


def main() -> None:
    run_cli(DEFINITION)


if __name__ == "__main__":
    main()
