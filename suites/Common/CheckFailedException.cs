namespace Conformance.Suites.Common;

/// <summary>Thrown to end an xunit test whose check ended in <c>error</c> (a harness or network fault),
/// so xunit shows it apart from an assertion failure.</summary>
public sealed class CheckErrorException(string message) : Exception(message);
