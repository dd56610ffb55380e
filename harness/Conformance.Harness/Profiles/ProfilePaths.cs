namespace Conformance.Harness.Profiles;

/// <summary>
/// The files a profile names (a build script and its recipe, files copied into a container, a baseline
/// the run may rewrite), resolved against the profile's own folder. A profile is data someone else may
/// have written: unless the user says they trust it, none of those paths may lead outside the profile's
/// folder or the checkout, so a downloaded profile cannot run, copy or overwrite an arbitrary file.
/// </summary>
public sealed class ProfilePaths(string profileFile, string checkoutRoot, bool trusted)
{
    private readonly string _folder = Path.GetDirectoryName(Path.GetFullPath(profileFile))!;
    private readonly string _root = Path.GetFullPath(checkoutRoot);

    /// <summary>The absolute path a profile value stands for, or a <see cref="ProfileException"/> naming the
    /// field when it leads outside the profile's folder and the checkout (and the profile is not trusted).</summary>
    public string Resolve(string value, string field)
    {
        var full = Path.GetFullPath(Path.Combine(_folder, value));
        if (trusted || Inside(full, _folder) || Inside(full, _root)) return full;
        throw new ProfileException(
            $"Profile {profileFile}: {field} '{value}' points outside the profile's folder ({_folder}) and the checkout ({_root}). " +
            "A profile that names files elsewhere (a build script is code) runs only with --trust-profile.");
    }

    /// <summary>A path as reports show it: relative to the checkout when it is inside it.</summary>
    public static string Display(string path, string checkoutRoot)
    {
        var relative = Path.GetRelativePath(checkoutRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static bool Inside(string path, string folder)
    {
        // Symbolic links are followed, so a link inside the folder cannot point out of it.
        var real = RealPath(path);
        var root = RealPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return real.StartsWith(root, StringComparison.Ordinal);
    }

    private static string RealPath(string path)
    {
        var info = new FileInfo(path);
        var target = info.Exists || Directory.Exists(path) ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName : null;
        if (target is not null) return target;
        var parent = Path.GetDirectoryName(path);
        return parent is null || parent == path ? path : Path.Combine(RealPath(parent), Path.GetFileName(path));
    }
}
