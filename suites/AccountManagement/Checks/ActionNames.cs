using System.Text.RegularExpressions;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>What an advertised action name is: one of the spec's, an unstable MSC4191 alias, or an
/// application's own; and whether it follows the Common Namespaced Identifier Grammar.</summary>
public static partial class ActionNames
{
    public const string Profile = "org.matrix.profile";
    public const string DevicesList = "org.matrix.devices_list";
    public const string DeviceView = "org.matrix.device_view";
    public const string DeviceDelete = "org.matrix.device_delete";
    public const string AccountDeactivate = "org.matrix.account_deactivate";
    public const string CrossSigningReset = "org.matrix.cross_signing_reset";

    public static readonly string[] Spec = [Profile, DevicesList, DeviceView, DeviceDelete, AccountDeactivate, CrossSigningReset];

    /// <summary>MSC4191's unstable names and the spec action each became.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnstableAliases = new Dictionary<string, string>
    {
        ["profile"] = Profile,
        ["sessions_list"] = DevicesList,
        ["org.matrix.sessions_list"] = DevicesList,
        ["session_view"] = DeviceView,
        ["org.matrix.session_view"] = DeviceView,
        ["session_end"] = DeviceDelete,
        ["org.matrix.session_end"] = DeviceDelete,
    };

    /// <summary>The prefix of MSC4191's unstable metadata fields, which some servers also put on action names.</summary>
    public const string UnstablePrefix = "org.matrix.msc4191.";

    /// <summary>The spec action a name stands for: the name itself when it is one of the spec's, the action
    /// an unstable alias became (also written with the <c>org.matrix.msc4191.</c> prefix), or null for an
    /// application's own action.</summary>
    public static string? SpecActionOf(string name)
    {
        if (Spec.Contains(name)) return name;
        if (UnstableAliases.TryGetValue(name, out var spec)) return spec;
        if (!name.StartsWith(UnstablePrefix, StringComparison.Ordinal)) return null;
        var bare = name[UnstablePrefix.Length..];
        return Spec.FirstOrDefault(a => Short(a) == bare) ?? UnstableAliases.GetValueOrDefault(bare);
    }

    /// <summary>An alias, as opposed to the spec's own name.</summary>
    public static bool IsUnstableAlias(string name) => !Spec.Contains(name) && SpecActionOf(name) is not null;

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,254}$")]
    private static partial Regex Grammar();

    public static bool FollowsGrammar(string action) => Grammar().IsMatch(action);

    /// <summary>The action without its <c>org.matrix.</c> namespace, as reasons and screenshot names use it.</summary>
    public static string Short(string action) => action.Replace("org.matrix.", "", StringComparison.Ordinal);
}
