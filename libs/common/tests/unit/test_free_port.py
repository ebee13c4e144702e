from crm_common.testing.processes import free_port


def test_a_test_process_is_never_handed_the_same_port_twice() -> None:
    # Without the memory of ports handed out, 500 picks from the kernel's ~28,000 ephemeral
    # ports repeat one almost surely (the birthday bound): two services on one port.
    ports = [free_port() for _ in range(500)]
    assert len(set(ports)) == len(ports)
