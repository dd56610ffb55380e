using Conformance.Harness.Targets;

namespace Conformance.Harness.Profiles;

/// <summary>
/// A target profile (fixtures/profiles/*.yaml): which server, how the suite makes users and tokens, how it
/// locks and unlocks. Data, so a new server needs a new file, not new code. Field names are the YAML
/// names in snake_case; docs/profiles.md documents each.
/// </summary>
public sealed class TargetProfile
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public TargetSection Target { get; set; } = new();
    public UsersSection Users { get; set; } = new();
    public LockSection Lock { get; set; } = new();
    public SuspendSection Suspend { get; set; } = new();
    public AppserviceSection? Appservice { get; set; }
    /// <summary>When true (the default), an optional-auth endpoint that serves a locked token is a fail; else info.</summary>
    public bool Strict { get; set; } = true;
    public TimeoutsSection Timeouts { get; set; } = new();
    public LimitsSection Limits { get; set; } = new();
    /// <summary>Areas the server must offer: a listed area whose checks are all skipped fails the run.</summary>
    public List<string> Require { get; set; } = [];
    /// <summary>Expected non-pass results (fixtures/baselines/*.yaml), relative to the profile's folder.</summary>
    public string? Baseline { get; set; }
    /// <summary>How to use the server's web pages (account management) in a browser.</summary>
    public WebSection Web { get; set; } = new();
    /// <summary>How the suite gets tokens through the OAuth 2.0 API: a pre-registered client instead of
    /// dynamic registration, and the sign-in form's steps.</summary>
    public OAuthSection Oauth { get; set; } = new();
}

/// <summary>
/// The suite's OAuth 2.0 client. Without a client ID it registers itself dynamically (the plainest
/// request the spec allows: a native public client with a loopback redirect URI). Some servers keep
/// registration to clients their operator knows: give such a client here.
/// </summary>
public sealed class OAuthSection
{
    public string? ClientId { get; set; }
    /// <summary>For a confidential client (sent as client_secret_post); a public client has none.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>The redirect URI registered for the client; the suite never serves it, it reads the code
    /// from the redirect.</summary>
    public string RedirectUri { get; set; } = "http://127.0.0.1/callback";
    /// <summary>How to fill the server's sign-in form, over plain HTTP: fill, check and click steps with
    /// CSS selectors (no goto or waits; a browser is not used). Default: the form with a password field,
    /// its likeliest username field, its boxes ticked.</summary>
    public List<WebStep>? Login { get; set; }
}

/// <summary>
/// Browser steps as data, in the spirit of the OIDF suite's browser tasks. Without steps the defaults
/// apply: on a sign-in page, fill the username and password of its form, tick its boxes and submit; on a
/// confirmation page, fill the password fields of its form, tick its boxes and submit.
/// </summary>
public sealed class WebSection
{
    /// <summary>What to type as the username: <c>localpart</c> or <c>user_id</c>.</summary>
    public string Username { get; set; } = "localpart";
    public List<WebStep>? Login { get; set; }
    /// <summary>A CSS selector that matches only the sign-in page (e.g. <c>form[action='/login']</c>), for
    /// sites whose confirmation pages look like one to the default guess (a password field beside a text
    /// field).</summary>
    public string? SignInPage { get; set; }
    /// <summary>How to confirm a destructive action on its page, for every action without its own list.</summary>
    public List<WebStep>? Confirm { get; set; }
    /// <summary>Action (<c>org.matrix.account_deactivate</c>, …) → its own confirmation steps, for servers
    /// whose confirmation forms differ from one action to the next.</summary>
    public Dictionary<string, List<WebStep>> ConfirmPerAction { get; set; } = [];
    /// <summary>Action → words that name it on a page; replaces fixtures/web/defaults.yaml's list for that action.</summary>
    public Dictionary<string, List<string>> ActionWords { get; set; } = [];
    public List<string>? ConfirmationWords { get; set; }
    /// <summary>Where Chromium is; default CHROMIUM_PATH, then /usr/bin/chromium.</summary>
    public string? Chromium { get; set; }
}

/// <summary>One browser step: exactly one of goto, fill (with `with`), click, check, wait_for_url,
/// wait_for_text. Values may use {username}, {user_id}, {password} and {account_uri}. An optional step
/// is skipped when its element is not there within a short time (a notice that only sometimes shows).</summary>
public sealed class WebStep
{
    public string? Goto { get; set; }
    public string? Fill { get; set; }
    public string? With { get; set; }
    public string? Click { get; set; }
    public string? Check { get; set; }
    public string? WaitForUrl { get; set; }
    public string? WaitForText { get; set; }
    public bool Optional { get; set; }

    public int Verbs => new[] { Goto, Fill, Click, Check, WaitForUrl, WaitForText }.Count(v => v is not null);
}

public sealed class TargetSection
{
    /// <summary><c>embedded</c> (the reference server in-process), <c>url</c> (a running server) or
    /// <c>container</c> (started by the suite from an image).</summary>
    public TargetKind Kind { get; set; } = TargetKind.Url;
    public string? Url { get; set; }
    /// <summary>Optional; otherwise learnt from the first registration or login.</summary>
    public string? ServerName { get; set; }
    /// <summary>Reference-server defects to switch on (embedded only).</summary>
    public List<string> Defects { get; set; } = [];
    public ContainerSection? Container { get; set; }
}

/// <summary>How to start the target in a container.</summary>
public sealed class ContainerSection
{
    public string Image { get; set; } = "";
    /// <summary>How to build the image when it is missing or its recipe changed; without it, the image is pulled.</summary>
    public ImageBuildSection? Build { get; set; }
    /// <summary>The container's client API port; published on a random 127.0.0.1 port.</summary>
    public int Port { get; set; } = 8008;
    public Dictionary<string, string> Environment { get; set; } = [];
    /// <summary>Container path → file (relative to the profile's folder), copied in before the container starts.</summary>
    public Dictionary<string, string> Files { get; set; } = [];
    public List<string>? Command { get; set; }
    public string ReadyPath { get; set; } = "/_matrix/client/versions";
    public string ReadyTimeout { get; set; } = "90s";
}

public sealed class ImageBuildSection
{
    /// <summary>Called as <c>script IMAGE RECIPE_HASH</c>; relative to the profile's folder.</summary>
    public string Script { get; set; } = "";
    /// <summary>Files whose content makes the recipe; the image is rebuilt when their hash changes.</summary>
    public List<string> Recipe { get; set; } = [];
}

public sealed class UsersSection
{
    /// <summary><c>shared-secret</c> (Synapse-compatible registration) or <c>given</c> (accounts below).</summary>
    public string Method { get; set; } = "shared-secret";
    public string? SharedSecret { get; set; }
    public string RegisterPath { get; set; } = "/_synapse/admin/v1/register";
    /// <summary>Users are named <c>{prefix}-{role}-{run}</c>, so runs never collide.</summary>
    public string LocalpartPrefix { get; set; } = "conformance";
    /// <summary>For <c>given</c>: role → credentials (see ProfileLoader.AccountRoles for the roles).</summary>
    public Dictionary<string, GivenAccount> Accounts { get; set; } = [];
    /// <summary>How the suite deactivates a test user it needs deactivated: <c>client</c> (POST
    /// /account/deactivate with the user's password), <c>synapse-admin</c> (POST
    /// /_synapse/admin/v1/deactivate/{userId} as the admin) or <c>none</c>.</summary>
    public string Deactivate { get; set; } = "client";
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

public sealed class LimitsSection
{
    /// <summary>How much of each response body is read (<c>1MiB</c>, <c>512KiB</c>, bytes); the rest is discarded.</summary>
    public string MaxBody { get; set; } = "1MiB";
}

public sealed class TimeoutsSection
{
    public string Request { get; set; } = "10s";
    /// <summary>How long the target may take to answer /versions at the start of a run.</summary>
    public string Ready { get; set; } = "30s";
}
