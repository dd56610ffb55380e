namespace Conformance.Targets.Containers;

/// <summary>The Docker engine refused a request, or is not there.</summary>
public sealed class DockerException(string message) : Exception(message);
