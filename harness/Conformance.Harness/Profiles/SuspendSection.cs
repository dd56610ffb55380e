namespace Conformance.Harness.Profiles;

/// <summary>How the suite suspends and unsuspends an account (the profile's <c>suspend:</c> section).</summary>
public sealed class SuspendSection
{
    /// <summary><c>auto</c>, <c>msc4323</c>, <c>msc4323-unstable</c>, <c>synapse-admin</c> or <c>none</c>.</summary>
    public string Adapter { get; set; } = "auto";
}
