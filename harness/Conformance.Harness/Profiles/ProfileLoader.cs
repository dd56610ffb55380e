using Conformance.Harness.Targets;
using System.Text.RegularExpressions;
using Conformance.Harness.Layout;

namespace Conformance.Harness.Profiles;

/// <summary>
/// Reads a profile, fills <c>${env:NAME}</c> references from the environment, applies command-line
/// overrides, and validates it. Every problem becomes one <see cref="ProfileException"/> that names the
/// file and the field, so a user can fix the profile without reading code.
/// </summary>
public static partial class ProfileLoader
{
    public static readonly string[] UserMethods = ["shared-secret", "given", "open-registration"];
    public static readonly string[] LockAdapters = ["auto", "msc4323", "msc4323-unstable", "synapse-admin", "none"];
    public static readonly string[] SuspendAdapters = LockAdapters;
    public static readonly string[] DeactivateMethods = ["client", "synapse-admin", "none"];
    /// <summary>Every role a check asks for. With users.method: given, admin, subject and other are needed;
    /// a check whose role is missing says so (skip) rather than failing.</summary>
    public static readonly string[] AccountRoles =
        ["admin", "subject", "other", "second_admin", "lock_target", "deactivated", "am_links", "am_devices", "am_deactivate", "am_reset", "am_xsign",
         "suspend_subject", "suspend_control", "suspend_throwaway", "suspend_target", "suspend_deactivated", "oauth_api"];
    /// <summary>The registration shared secret Complement's image contract fixes.</summary>
    public const string ComplementSharedSecret = "complement";
    /// <summary>The environment variable a shared secret may come from (after --shared-secret, before the profile).</summary>
    public const string SharedSecretVariable = "CONFORMANCE_SHARED_SECRET";

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();

    public static TargetProfile Load(string path, ProfileOverrides? overrides = null, Func<string, string?>? environment = null, string? checkoutRoot = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!File.Exists(path)) throw new ProfileException($"Profile {path} does not exist.");
        TargetProfile profile;
        try
        {
            profile = YamlJson.Bind<TargetProfile>(path);
        }
        catch (DataFileException e)
        {
            throw new ProfileException(e.Line is null
                ? $"Profile {path} {e.Problem}"
                : $"Profile {path} is not valid (line {e.Line}, column {e.Column}): {e.Problem}");
        }

        var root = checkoutRoot ?? RepositoryLayout.Locate().Root;
        overrides?.Apply(profile);
        Resolve(profile, path, environment, overrides?.SharedSecret);
        Validate(profile, path);
        ResolvePaths(profile, new ProfilePaths(path, root, overrides?.TrustProfile == true));
        return profile;
    }

    /// <summary>Fills <c>${env:NAME}</c> references. The shared secret's sources rank: the command line,
    /// then <see cref="SharedSecretVariable"/>, then the profile; a lower source is not even read when a
    /// higher one gives it, so an unset variable the profile names does not matter then.</summary>
    private static void Resolve(TargetProfile p, string path, Func<string, string?> env, string? sharedSecretFromCommandLine)
    {
        string? Fill(string? value, string field)
        {
            if (value is null) return null;
            return EnvReference().Replace(value, m => env(m.Groups["name"].Value)
                ?? throw new ProfileException($"Profile {path}: {field} refers to environment variable {m.Groups["name"].Value}, which is not set."));
        }
        p.Target.Url = Fill(p.Target.Url, "target.url");
        if (p.Target.Container is { } container) container.Image = Fill(container.Image, "target.container.image") ?? "";
        p.Users.SharedSecret = sharedSecretFromCommandLine
            ?? (env(SharedSecretVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : Fill(p.Users.SharedSecret, "users.shared_secret"));
        foreach (var (role, account) in p.Users.Accounts)
        {
            account.User = Fill(account.User, $"users.accounts.{role}.user") ?? "";
            account.Password = Fill(account.Password, $"users.accounts.{role}.password") ?? "";
        }
        if (p.Appservice is not null) p.Appservice.Token = Fill(p.Appservice.Token, "appservice.token");
        // An image built to Complement's contract registers admins with the contract's secret.
        if (p.Target.Kind == TargetKind.Complement && string.IsNullOrEmpty(p.Users.SharedSecret)) p.Users.SharedSecret = ComplementSharedSecret;
        p.Oauth.ClientId = Fill(p.Oauth.ClientId, "oauth.client_id");
        p.Oauth.ClientSecret = Fill(p.Oauth.ClientSecret, "oauth.client_secret");
    }

    private static void ResolvePaths(TargetProfile p, ProfilePaths paths)
    {
        if (p.Baseline is { } baseline) p.Baseline = paths.Resolve(baseline, "baseline");
        if (p.Target.Container is not { } c) return;
        if (c.Build is { } b)
        {
            b.Script = paths.Resolve(b.Script, "target.container.build.script");
            b.Recipe = b.Recipe.Select(f => paths.Resolve(f, "target.container.build.recipe")).ToList();
        }
        c.Files = c.Files.ToDictionary(f => f.Key, f => paths.Resolve(f.Value, $"target.container.files.{f.Key}"));
    }

    private static void Validate(TargetProfile p, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        bool Exists(string file) => File.Exists(Path.Combine(folder, file));
        void Fail(string field, string problem) => throw new ProfileException($"Profile {path}: {field} {problem}");
        void OneOf(string value, string[] allowed, string field)
        {
            if (!allowed.Contains(value)) Fail(field, $"is '{value}'; expected one of: {string.Join(", ", allowed)}.");
        }

        if (string.IsNullOrWhiteSpace(p.Name)) Fail("name", "is missing.");
        if (p.Target.Kind == TargetKind.Url)
        {
            if (string.IsNullOrWhiteSpace(p.Target.Url)) Fail("target.url", "is missing (give it in the profile or with --target-url).");
            if (!Uri.TryCreate(p.Target.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                Fail("target.url", $"'{p.Target.Url}' is not an http(s) URL.");
        }
        if (p.Target.Kind != TargetKind.Embedded && p.Target.Defects.Count > 0) Fail("target.defects", "only applies to the embedded reference server.");
        if (p.Target.Kind.StartsContainer())
        {
            var c = p.Target.Container;
            if (c is null || string.IsNullOrWhiteSpace(c.Image)) Fail("target.container.image", $"is missing (kind: {p.Target.Kind.Name()} needs an image).");
            if (c!.Port is <= 0 or > 65535) Fail("target.container.port", $"{c.Port} is not a port.");
            if (!Durations.TryParse(c.ReadyTimeout, out _)) Fail("target.container.ready_timeout", $"'{c.ReadyTimeout}' is not a duration.");
            if (c.Build is { } b)
            {
                if (!Exists(b.Script)) Fail("target.container.build.script", $"'{b.Script}' does not exist (paths are relative to the profile's folder).");
                if (b.Recipe.Count == 0) Fail("target.container.build.recipe", "lists no files.");
                foreach (var f in b.Recipe.Where(f => !Exists(f))) Fail("target.container.build.recipe", $"names '{f}', which does not exist (paths are relative to the profile's folder).");
            }
            foreach (var (inside, file) in c.Files.Where(f => !Exists(f.Value)))
                Fail($"target.container.files.{inside}", $"names '{file}', which does not exist (paths are relative to the profile's folder).");
        }
        if (p.Baseline is not null && !Exists(p.Baseline)) Fail("baseline", $"'{p.Baseline}' does not exist (paths are relative to the profile's folder).");
        OneOf(p.Web.Username, ["localpart", "user_id"], "web.username");
        var stepLists = new[] { ("web.login", p.Web.Login), ("web.confirm", p.Web.Confirm) }
            .Concat(p.Web.ConfirmPerAction.Select(a => ($"web.confirm_per_action.{a.Key}", (List<WebStep>?)a.Value)));
        foreach (var (name, steps) in stepLists)
            for (var i = 0; i < (steps?.Count ?? 0); i++)
            {
                var step = steps![i];
                if (step.Verbs != 1) Fail($"{name}[{i}]", "needs exactly one of goto, fill, click, check, wait_for_url, wait_for_text.");
                if (step.Fill is not null && step.With is null) Fail($"{name}[{i}]", "fills a field but says nothing to fill it `with`.");
            }
        for (var i = 0; i < (p.Oauth.Login?.Count ?? 0); i++)
        {
            var step = p.Oauth.Login![i];
            if (step.Verbs != 1 || step.Fill is null && step.Check is null && step.Click is null)
                Fail($"oauth.login[{i}]", "needs exactly one of fill, check, click (the sign-in form is filled over plain HTTP, without a browser).");
            if (step.Fill is not null && step.With is null) Fail($"oauth.login[{i}]", "fills a field but says nothing to fill it `with`.");
        }
        if (p.Oauth.ClientSecret is not null && p.Oauth.ClientId is null) Fail("oauth.client_secret", "is given without oauth.client_id.");
        if (!Uri.TryCreate(p.Oauth.RedirectUri, UriKind.Absolute, out _)) Fail("oauth.redirect_uri", $"'{p.Oauth.RedirectUri}' is not an absolute URI.");

        OneOf(p.Users.Method, UserMethods, "users.method");
        if (p.Users.Method == "shared-secret" && string.IsNullOrEmpty(p.Users.SharedSecret) && p.Target.Kind != TargetKind.Embedded)
            Fail("users.shared_secret", "is missing (set it in the profile, with --shared-secret, or in CONFORMANCE_SHARED_SECRET).");
        if (p.Users.Method == "given")
        {
            foreach (var required in new[] { "admin", "subject", "other" })
                if (!p.Users.Accounts.ContainsKey(required)) Fail($"users.accounts.{required}", "is missing (method 'given' needs admin, subject and other).");
            foreach (var (role, account) in p.Users.Accounts)
            {
                OneOf(role, AccountRoles, "users.accounts key");
                if (!account.User.StartsWith('@') || !account.User.Contains(':')) Fail($"users.accounts.{role}.user", $"'{account.User}' is not a full user ID such as @alice:example.org.");
                if (string.IsNullOrEmpty(account.Password)) Fail($"users.accounts.{role}.password", "is missing.");
            }
        }
        OneOf(p.Users.Deactivate, DeactivateMethods, "users.deactivate");
        if (!Regex.IsMatch(p.Users.LocalpartPrefix, "^[a-z0-9._=/-]+$")) Fail("users.localpart_prefix", $"'{p.Users.LocalpartPrefix}' is not a valid localpart.");

        OneOf(p.Lock.Adapter, LockAdapters, "lock.adapter");
        OneOf(p.Suspend.Adapter, SuspendAdapters, "suspend.adapter");
        if (!Durations.TryParse(p.Lock.SettleTimeout, out _)) Fail("lock.settle_timeout", $"'{p.Lock.SettleTimeout}' is not a duration such as 500ms, 10s or 2m.");
        if (!Durations.TryParse(p.Timeouts.Request, out var request) || request <= TimeSpan.Zero) Fail("timeouts.request", $"'{p.Timeouts.Request}' is not a positive duration.");
        if (!Durations.TryParse(p.Timeouts.Ready, out _)) Fail("timeouts.ready", $"'{p.Timeouts.Ready}' is not a duration.");
        if (!ByteSizes.TryParse(p.Limits.MaxBody, out var maxBody) || maxBody < 1024) Fail("limits.max_body", $"'{p.Limits.MaxBody}' is not a size of at least 1KiB, such as 512KiB or 1MiB.");
    }
}

/// <summary>What the command line can change in a profile.</summary>
public sealed class ProfileOverrides
{
    public string? TargetUrl { get; init; }
    public string? SharedSecret { get; init; }
    public string? AppserviceToken { get; init; }
    public IReadOnlyList<string> Defects { get; init; } = [];
    public bool? Strict { get; init; }
    /// <summary>--trust-profile: the profile may name files outside its folder and the checkout.</summary>
    public bool TrustProfile { get; init; }
    /// <summary>--complement-image: start this image under Complement's contract.</summary>
    public string? ComplementImage { get; init; }

    public void Apply(TargetProfile p)
    {
        if (ComplementImage is not null)
        {
            p.Target.Kind = TargetKind.Complement;
            (p.Target.Container ??= new ContainerSection()).Image = ComplementImage;
        }
        if (TargetUrl is not null)
        {
            p.Target.Kind = TargetKind.Url;
            p.Target.Url = TargetUrl;
        }
        if (AppserviceToken is not null) (p.Appservice ??= new AppserviceSection()).Token = AppserviceToken;
        if (Defects.Count > 0) p.Target.Defects = [.. p.Target.Defects, .. Defects];
        if (Strict is not null) p.Strict = Strict.Value;
    }
}
