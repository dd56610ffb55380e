namespace Conformance.Runner;

/// <summary>The command line is wrong (exit code 2): the message says what, and --help lists the options.</summary>
public sealed class UsageException(string message) : Exception(message);
