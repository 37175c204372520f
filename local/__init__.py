"""The local stack: Précis on one machine with moto, a queue poller and an HTTP front."""
