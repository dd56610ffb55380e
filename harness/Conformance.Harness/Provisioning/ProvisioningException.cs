using Conformance.Harness.Checks;

namespace Conformance.Harness.Provisioning;

/// <summary>The suite could not make a user or a token it needs; the message says which request failed.
/// <see cref="Why"/> is what the checks that needed it report: an error by default (a request that
/// failed), a skip or inconclusive where the cause is a valid answer or the profile's choice.</summary>
public class ProvisioningException(string message) : Exception(message)
{
    public virtual Judgement Why => Judgement.Error(Message);
}

/// <summary>A given-accounts profile has no account for a role a check needs: the check is skipped, saying
/// which role to add.</summary>
public sealed class MissingAccountException(string role) : ProvisioningException($"The profile gives no '{role}' account, and this provisioner cannot make one.")
{
    public string Role { get; } = role;
    public override Judgement Why => Judgement.Skip($"{Message} Add it under users.accounts to run this check.", $"profile: users.accounts has no {Role}");
}
