using System.Globalization;

namespace MlNetNeural.Core;

/// <summary>The one form of the error for a setting out of range: it names the setting, the rule and the value given.</summary>
internal static class SettingOutOfRange
{
    /// <summary>"[{owner} ]{name} {rule}; it is {value}." with <paramref name="name"/> as the parameter name.</summary>
    /// <param name="name">The setting.</param>
    /// <param name="value">The value given.</param>
    /// <param name="rule">What the value must be, e.g. "must be in [0, 1)".</param>
    /// <param name="owner">The group the setting belongs to when its name alone is ambiguous (e.g. "Pruning"), or null.</param>
    public static ArgumentOutOfRangeException Create(string name, object? value, string rule, string? owner = null) =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{(owner is null ? "" : owner + " ")}{name} {rule}; it is {value ?? "null"}."));
}
