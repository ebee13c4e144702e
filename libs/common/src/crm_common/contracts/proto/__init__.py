"""gRPC contracts: what one service asks another synchronously (.proto + generated code)."""
