using System.Reflection;
using System.Reflection.Emit;

namespace TestSupport;

/// <summary>
/// Which namespaces a compiled assembly's code depends on, read from the assembly itself (signatures, fields, locals
/// and every type, method and field token in the method bodies' IL), so that unused <c>using</c> lines do not count
/// and nothing used can hide. The architecture tests check the arrows between areas with it.
/// </summary>
public static class TypeDependencies
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>
    /// Edges from each area of <paramref name="assembly"/> to the areas its code uses, among the types
    /// <paramref name="area"/> gives an area to (null: not ours, ignored); with one example type pair per edge.
    /// </summary>
    public static Dictionary<(string From, string To), string> AreaEdges(Assembly assembly, Func<Type, string?> area)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (area(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Used(type))
            {
                if (area(used) is { } to && to != from)
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// The area of a type: its project's root namespace and the next part (<c>EdgeService.Audio</c> for
    /// <c>EdgeService.Audio.PortAudio</c>, <c>Kws.Detection.Pipeline</c>); null for a type outside <paramref name="roots"/>.
    /// </summary>
    public static string? AreaOf(Type type, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Namespace is not { } ns)
        {
            return null;
        }

        var root = roots.Where(r => ns == r || ns.StartsWith(r + ".", StringComparison.Ordinal)).MaxBy(r => r.Length);
        if (root is null)
        {
            return null;
        }

        var rest = ns.Length > root.Length ? ns[(root.Length + 1)..].Split('.')[0] : null;
        return rest is null ? root : $"{root}.{rest}";
    }

    /// <summary>A cycle among <paramref name="edges"/> in words, with the type that makes each of its arrows; null when there is none.</summary>
    public static string? DescribeCycle(Dictionary<(string From, string To), string> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var cycle = FindCycle(edges.Keys);
        return cycle is null ? null : $"cycle {string.Join(" -> ", cycle)}: {string.Join("; ", cycle.Zip(cycle.Skip(1)).Select(e => edges[e]))}";
    }

    /// <summary>A cycle in the graph, as its areas in order (the first repeated at the end); null when there is none.</summary>
    public static List<string>? FindCycle(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList());
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        foreach (var start in next.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return null;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                return [.. path.Skip(path.IndexOf(node)), node];
            }

            state[node] = 1;
            path.Add(node);
            foreach (var to in next.GetValueOrDefault(node) ?? [])
            {
                if (Visit(to) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    /// <summary>Every type <paramref name="type"/>'s own code names.</summary>
    public static IEnumerable<Type> Used(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<Type>();
        Add(found, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(found, i);
        }

        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(Declared))
        {
            Add(found, field.FieldType);
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }

            AddBody(found, type, method);
        }

        return found;
    }

    private static void AddBody(HashSet<Type> found, Type type, MethodBase method)
    {
        MethodBody? body;
        try
        {
            body = method.GetMethodBody();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (body?.GetILAsByteArray() is not { } il)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Add(found, local.LocalType);
        }

        var typeArgs = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[i++]);
            }

            if (!OpCodesByValue.TryGetValue(value, out var op))
            {
                return; // not IL we know: stop rather than misread
            }

            switch (op.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        var member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                        switch (member)
                        {
                            case Type t:
                                Add(found, t);
                                break;
                            case MethodInfo m:
                                Add(found, m.DeclaringType);
                                foreach (var g in m.IsGenericMethod ? m.GetGenericArguments() : [])
                                {
                                    Add(found, g);
                                }

                                break;
                            case not null:
                                Add(found, member.DeclaringType);
                                break;
                        }
                    }
                    catch (ArgumentException)
                    {
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || !found.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }
}
