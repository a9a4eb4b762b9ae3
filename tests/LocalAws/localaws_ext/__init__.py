"""Extensions in front of moto's server: seed, faults, call log, SageMaker job lifecycle."""
