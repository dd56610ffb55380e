namespace Conformance.Harness.Provisioning;

/// <summary>The suite could not make a user or a token it needs; the message says which request failed.</summary>
public sealed class ProvisioningException(string message) : Exception(message)
{
    /// <summary>True when the target, not the profile, is at fault: the answer never came, or was a 5xx.</summary>
    public bool TargetFault { get; init; }
}
