namespace Conformance.Harness.Targets;

/// <summary>The target cannot be tested at all: unreachable, hanging, or not a Matrix homeserver.</summary>
public sealed class TargetUnavailableException(string message) : Exception(message);
