using System.CommandLine;

namespace Conformance.Runner;

/// <summary>What <c>run</c> (the default command) takes: the options, with the help text the generated
/// --help shows, and their values from a parse.</summary>
public sealed record RunArguments
{
    public string? Target { get; init; }
    public string? Profile { get; init; }
    public string? TargetUrl { get; init; }
    public string? ComplementImage { get; init; }
    public string? SharedSecret { get; init; }
    public string? AsToken { get; init; }
    public string? Out { get; init; }
    public string? Only { get; init; }
    public string? Require { get; init; }
    public IReadOnlyList<string> ReferenceDefects { get; init; } = [];
    public bool NoStrict { get; init; }
    public string? Timeout { get; init; }
    public bool Keep { get; init; }
    public string? Baseline { get; init; }
    public bool UpdateBaseline { get; init; }
    public bool NoHtml { get; init; }
    public bool TrustProfile { get; init; }

    /// <summary>A fresh set of the options, for each command that takes them (the root and <c>run</c>).</summary>
    public static IEnumerable<Option> Options() =>
    [
        Text("--target", "NAME", "The profile fixtures/profiles/NAME.yaml, e.g. --target synapse."),
        Text("--profile", "FILE", "Target profile (default fixtures/profiles/reference.yaml; docs/profiles.md)."),
        Text("--target-url", "URL", "Test the server at URL (sets target.kind: url)."),
        Text("--complement-image", "IMAGE", "Start IMAGE under Complement's image contract (SERVER_NAME=hs1, ports 8008/8448, shared secret complement); no profile needed."),
        Text("--shared-secret", "SECRET", "Registration shared secret; wins over CONFORMANCE_SHARED_SECRET, then the profile's users.shared_secret."),
        Text("--as-token", "TOKEN", "Application service token, for the appservice check; wins over CONFORMANCE_AS_TOKEN, then the profile's appservice.token."),
        Text("--out", "DIR", "Output folder (default reports/<time>-<target>)."),
        Text("--only", "IDS", "Comma-separated check IDs or areas, e.g. locking,admin-lock-api (./run.sh checks lists them)."),
        Text("--require", "AREAS", "Comma-separated areas the server must offer: exit 1 when every check of one is skipped."),
        new Option<string[]>("--reference-defect") { HelpName = "DEFECT", Description = "Switch on a reference-server defect (repeatable; embedded only).", AllowMultipleArgumentsPerToken = false },
        Flag("--no-strict", "Report a locked token accepted by optional-auth endpoints as info, not fail."),
        Text("--timeout", "DURATION", "Give up on a suite after this long (default 10m; a silent target ends the run sooner)."),
        Flag("--keep", "Container targets: leave the container running and print its URL."),
        Text("--baseline", "FILE", "Compare with this baseline instead of the profile's (e.g. one kept in your repository)."),
        Flag("--update-baseline", "Rewrite the baseline file from this run (docs/targets.md)."),
        Flag("--no-html", "Write every report but the HTML one (saves about 3 s)."),
        Flag("--trust-profile", "Let the profile name files outside its folder and the checkout (a build script, files copied into a container, a baseline to rewrite)."),
    ];

    public static RunArguments From(ParseResult p) => new()
    {
        Target = p.GetValue<string>("--target"),
        Profile = p.GetValue<string>("--profile"),
        TargetUrl = p.GetValue<string>("--target-url"),
        ComplementImage = p.GetValue<string>("--complement-image"),
        SharedSecret = p.GetValue<string>("--shared-secret"),
        AsToken = p.GetValue<string>("--as-token"),
        Out = p.GetValue<string>("--out"),
        Only = p.GetValue<string>("--only"),
        Require = p.GetValue<string>("--require"),
        ReferenceDefects = p.GetValue<string[]>("--reference-defect") ?? [],
        NoStrict = p.GetValue<bool>("--no-strict"),
        Timeout = p.GetValue<string>("--timeout"),
        Keep = p.GetValue<bool>("--keep"),
        Baseline = p.GetValue<string>("--baseline"),
        UpdateBaseline = p.GetValue<bool>("--update-baseline"),
        NoHtml = p.GetValue<bool>("--no-html"),
        TrustProfile = p.GetValue<bool>("--trust-profile"),
    };

    internal static Option<string> Text(string name, string helpName, string description)
    {
        var option = new Option<string>(name) { HelpName = helpName, Description = description };
        // An empty value (--out "") would otherwise mean "the default" silently, or a folder named "".
        option.Validators.Add(r =>
        {
            if (r.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) r.AddError($"{name} needs a value, not an empty one.");
        });
        return option;
    }

    internal static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}
