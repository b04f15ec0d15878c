using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Kws.Detection.Options;

/// <summary>Binds one options section; a value that cannot be converted becomes a <see cref="ConfigurationException"/>.</summary>
public static class SettingsBinder
{
    /// <summary>
    /// Binds section <paramref name="section"/> of <paramref name="config"/> to a new <typeparamref name="T"/> (its
    /// defaults where the section is silent); a value that cannot be converted becomes a <see cref="ConfigurationException"/>
    /// naming the key and the value.
    /// </summary>
    public static T Bind<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(IConfiguration config, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            return config.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    /// <summary>Throws one <see cref="ConfigurationException"/> listing every problem of <paramref name="options"/>, if any.</summary>
    public static void ThrowIfInvalid(IEnumerable<ISelfValidatingOptions> options)
    {
        var problems = options.SelectMany(o => o.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(string.Join(" ", problems));
        }
    }
}
