namespace Conformance.Harness.Provisioning;

/// <summary>Where test accounts come from: registered fresh for the run, or given by the profile.</summary>
public interface IAccountProvisioner
{
    /// <summary>One line for reports: how accounts are made.</summary>
    string Description { get; }

    /// <summary>An account for <paramref name="role"/>, or null when this provisioner cannot offer one
    /// (a given-accounts profile without that role); callers skip what needs it, saying why.</summary>
    Task<TestAccount?> AccountAsync(string role, bool admin, CancellationToken ct);
}
