namespace Conformance.Harness.Targets;

/// <summary>
/// The server a run tests, whichever its kind: where it answers, one line saying what it is, what it made
/// for the run, and its log. Disposing it stops what the run started, and nothing the run only reached.
/// The modules (reference, URL, container, Complement image) and the factory that picks one live in Conformance.Targets.
/// </summary>
public interface ITarget : IAsyncDisposable
{
    TargetKind Kind { get; }

    /// <summary>The client API's base URL, without a trailing slash.</summary>
    string BaseUrl { get; }

    /// <summary>One line for the console: what the target is and where it answers.</summary>
    string Description { get; }

    /// <summary>The container the run started; null for other kinds.</summary>
    ContainerFacts? Container { get; }

    /// <summary>The registration secret the target was started with, for a target that makes its own (the
    /// reference server gets a fresh one when the profile gives none); null when only the profile knows it.</summary>
    string? SharedSecret { get; }

    /// <summary>The application service token of a registration the target installed itself (the
    /// Complement contract's <c>/complement/appservice/</c>); null when only the profile knows one.</summary>
    string? AppserviceToken => null;

    /// <summary>Container-internal origins the server may advertise, and where they are reached from here.</summary>
    OriginAliases Aliases => OriginAliases.None;

    /// <summary>The server's log from <paramref name="since"/> on; empty for a server the run does not own.</summary>
    Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct);
}
