namespace Conformance.Targets;

/// <summary>What starting a target may need besides the profile: the checkout (for a container's files and
/// image recipe), the run's ID (to label containers), whether to keep a container, and where to say what
/// is happening while an image is built or pulled.</summary>
public sealed record TargetStartOptions(string Root, string RunId, bool Keep, TextWriter Progress);
