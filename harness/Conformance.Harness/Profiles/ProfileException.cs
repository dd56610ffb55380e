namespace Conformance.Harness.Profiles;

/// <summary>A profile that cannot be used, with a message that names the file and the field.</summary>
public sealed class ProfileException(string message) : Exception(message);
