"""Events published by services/call-center."""
