namespace Conformance.Harness.Targets;

/// <summary>What results.json records about a container the run started: its name, its image and how the
/// image was obtained (e.g. "conformance/synapse:1.160-sid (built)"), and how long it took to get ready.</summary>
public sealed record ContainerFacts(string Name, string Image, TimeSpan ReadyAfter);
