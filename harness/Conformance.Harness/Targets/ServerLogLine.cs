namespace Conformance.Harness.Targets;

/// <summary>One line the target's server wrote, with the time it was written and the stream it came on.</summary>
public sealed record ServerLogLine(DateTimeOffset Time, string Stream, string Text);
