from crm_call_center.bootstrap import DEFINITION
from crm_common.runtime.service import run_cli


def main() -> None:
    run_cli(DEFINITION)


if __name__ == "__main__":
    main()
