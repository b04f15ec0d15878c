using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Kws.Detection.Options;

/// <summary>
/// The keys a program's settings may have: one options class per section. <see cref="ThrowIfUnknown"/> refuses a key
/// that names no setting (a misspelled <c>--Pipeline:InferenceHopMz=50</c> or <c>KWS_Smoother__Treshold</c> would
/// otherwise be ignored without a word) and names the nearest valid key.
/// </summary>
public sealed class SettingsSchema
{
    private readonly Dictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _freeSections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Section <paramref name="name"/> holds the properties of <typeparamref name="T"/>.</summary>
    public SettingsSchema Add<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(string name)
    {
        _sections.Add(name, typeof(T));
        return this;
    }

    /// <summary>Section <paramref name="name"/> is read by a library with its own keys (e.g. <c>Logging</c>); its keys are not checked.</summary>
    public SettingsSchema AddFree(string name)
    {
        _freeSections.Add(name);
        return this;
    }

    /// <summary>Every valid key, <c>Section:Property</c>; a dictionary's own keys shown as <c>&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> Keys => [.. _sections.SelectMany(s => KeysOf(s.Key, s.Value))];

    /// <summary>
    /// Throws a <see cref="ConfigurationException"/> for the first key of <paramref name="config"/> that names no
    /// setting, saying where it came from (<paramref name="describeSource"/> gets the provider that holds it and the
    /// key) and which valid key is nearest. Top-level keys in capitals with underscores only (<c>DEBUG</c>,
    /// <c>CACHE_DIR</c>: environment variables such as <c>KWS_DEBUG</c> that are not settings) are let through.
    /// </summary>
    public void ThrowIfUnknown(IConfigurationRoot config, Func<IConfigurationProvider?, string, string> describeSource)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(describeSource);
        foreach (var top in config.GetChildren())
        {
            if (_freeSections.Contains(top.Key) || IsHelperVariable(top))
            {
                continue;
            }

            var unknown = _sections.TryGetValue(top.Key, out var type) ? FirstUnknown(top, type) : top;
            if (unknown is not null)
            {
                var key = FirstLeaf(unknown).Path;
                var provider = config.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _));
                var nearest = Nearest(unknown.Path);
                throw new ConfigurationException(
                    $"{describeSource(provider, key)}: '{unknown.Path}' is not a setting" +
                    (nearest is null ? $" (the sections are {string.Join(", ", _sections.Keys)})." : $"; did you mean '{nearest}'?"));
            }
        }
    }

    /// <summary>The valid key nearest to <paramref name="key"/> by edit distance (ignoring case), if it is near enough to be a misspelling.</summary>
    public string? Nearest(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var depth = key.Count(c => c == ':') + 1;
        var best = Keys
            .Select(k => k.Replace(":<name>", "", StringComparison.Ordinal))
            .Select(k => string.Join(':', k.Split(':').Take(depth)))
            .Distinct(StringComparer.Ordinal)
            .Select(k => (Key: k, Distance: EditDistance(key.ToUpperInvariant(), k.ToUpperInvariant())))
            .OrderBy(k => k.Distance)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, key.Length / 3) ? best.Key : null;
    }

    private static bool IsHelperVariable(IConfigurationSection top) =>
        top.Value is not null && !top.GetChildren().Any() && top.Key.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    private static IConfigurationSection FirstLeaf(IConfigurationSection section) =>
        section.GetChildren().FirstOrDefault() is { } child ? FirstLeaf(child) : section;

    private static IConfigurationSection? FirstUnknown(IConfigurationSection section, Type type)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return child;
            }

            if (ElementType(property.PropertyType) is { } element && !IsScalar(element))
            {
                foreach (var entry in child.GetChildren())
                {
                    if (FirstUnknown(entry, element) is { } deeper)
                    {
                        return deeper;
                    }
                }
            }
            else if (ElementType(property.PropertyType) is null && !IsScalar(property.PropertyType) && FirstUnknown(child, property.PropertyType) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    private static IEnumerable<string> KeysOf(string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || ElementType(p.PropertyType) is not null))
        {
            var key = $"{prefix}:{property.Name}";
            yield return ElementType(property.PropertyType) is null ? key : $"{key}:<name>";
        }
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string))
        {
            var arguments = type.GetGenericArguments();
            return arguments[^1];
        }

        return null;
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
