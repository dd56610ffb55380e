using System.Reflection;
using System.Text;

namespace Conformance.Suites.Common;

/// <summary>The catalogue's name for an enum member that stands for a case, when kebab-casing the
/// member's name does not give it (<c>org.matrix.profile</c>, <c>auth_metadata</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class CaseAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Case names as the check catalogue writes them (<c>cases: [logout, logout-all]</c>), to and from the
/// enums checks take: <c>LogoutAll</c> is <c>logout-all</c> unless a [Case] attribute says otherwise.
/// </summary>
public static class CaseNames
{
    public static string Of(object @case) => @case switch
    {
        string s => s,
        Enum e => Of(e),
        _ => @case.ToString() ?? "",
    };

    public static string Of(Enum value)
    {
        var name = value.ToString();
        var field = value.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<CaseAttribute>()?.Name ?? Kebab(name);
    }

    /// <summary>Every case name an enum stands for, in declaration order.</summary>
    public static IReadOnlyList<string> All(Type enumType) => Enum.GetValues(enumType).Cast<Enum>().Select(Of).ToList();

    public static object Parse(Type enumType, string name) =>
        Enum.GetValues(enumType).Cast<Enum>().FirstOrDefault(v => Of(v) == name)
        ?? throw new InvalidOperationException($"{enumType.Name} has no member for the case '{name}'.");

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
