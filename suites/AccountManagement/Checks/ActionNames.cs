using System.Text.RegularExpressions;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>What an advertised action name is: one of the spec's, an unstable MSC4191 alias, or an
/// application's own; and whether it follows the Common Namespaced Identifier Grammar.</summary>
public static partial class ActionNames
{
    public static readonly string[] Spec =
    [
        "org.matrix.profile", "org.matrix.devices_list", "org.matrix.device_view",
        "org.matrix.device_delete", "org.matrix.account_deactivate", "org.matrix.cross_signing_reset",
    ];

    /// <summary>MSC4191's unstable names and the spec action each became.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnstableAliases = new Dictionary<string, string>
    {
        ["profile"] = "org.matrix.profile",
        ["sessions_list"] = "org.matrix.devices_list",
        ["org.matrix.sessions_list"] = "org.matrix.devices_list",
        ["session_view"] = "org.matrix.device_view",
        ["org.matrix.session_view"] = "org.matrix.device_view",
        ["session_end"] = "org.matrix.device_delete",
        ["org.matrix.session_end"] = "org.matrix.device_delete",
    };

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,254}$")]
    private static partial Regex Grammar();

    public static bool FollowsGrammar(string action) => Grammar().IsMatch(action);
}
