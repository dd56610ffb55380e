namespace Conformance.Harness.Provisioning;

/// <summary>The suite could not make a user or a token it needs; the message says which request failed.</summary>
public class ProvisioningException(string message) : Exception(message);
