namespace Conformance.Harness.Profiles;

/// <summary>
/// A target profile (fixtures/profiles/*.yaml): which server, how the suite makes users and tokens, how it
/// locks and unlocks. Data, so a new server needs a new file, not new code. Field names are the YAML
/// names in snake_case; README "Target profiles" documents each.
/// </summary>
public sealed class TargetProfile
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public TargetSection Target { get; set; } = new();
    public UsersSection Users { get; set; } = new();
    public LockSection Lock { get; set; } = new();
    public AppserviceSection? Appservice { get; set; }
    /// <summary>When true (the default), a breach of LK-006 (optional-auth endpoints) is a fail; else info.</summary>
    public bool Strict { get; set; } = true;
    public TimeoutsSection Timeouts { get; set; } = new();
}

public sealed class TargetSection
{
    /// <summary><c>embedded</c> (the reference server in-process) or <c>url</c> (a running server).</summary>
    public string Kind { get; set; } = "url";
    public string? Url { get; set; }
    /// <summary>Optional; otherwise learnt from the first registration or login.</summary>
    public string? ServerName { get; set; }
    /// <summary>Reference-server defects to switch on (embedded only).</summary>
    public List<string> Defects { get; set; } = [];
}

public sealed class UsersSection
{
    /// <summary><c>shared-secret</c> (Synapse-compatible registration) or <c>given</c> (accounts below).</summary>
    public string Method { get; set; } = "shared-secret";
    public string? SharedSecret { get; set; }
    public string RegisterPath { get; set; } = "/_synapse/admin/v1/register";
    /// <summary>Users are named <c>{prefix}-{role}-{run}</c>, so runs never collide.</summary>
    public string LocalpartPrefix { get; set; } = "conformance";
    /// <summary>For <c>given</c>: role → credentials. Roles: admin, subject, other, second_admin, lock_target.</summary>
    public Dictionary<string, GivenAccount> Accounts { get; set; } = [];
}

public sealed class GivenAccount
{
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
}

public sealed class LockSection
{
    /// <summary><c>auto</c>, <c>msc4323</c>, <c>msc4323-unstable</c>, <c>synapse-admin</c> or <c>none</c>.</summary>
    public string Adapter { get; set; } = "auto";
    /// <summary>How long a lock or unlock may take to show on the client API (delegated auth caches it).</summary>
    public string SettleTimeout { get; set; } = "0s";
}

public sealed class AppserviceSection
{
    public string? Token { get; set; }
}

public sealed class TimeoutsSection
{
    public string Request { get; set; } = "10s";
    /// <summary>How long the target may take to answer /versions at the start of a run.</summary>
    public string Ready { get; set; } = "30s";
}
