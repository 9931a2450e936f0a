using System.Text;

namespace MlNetNeural.Cli.Output;

/// <summary>C# property names for column names: the letters and digits in Pascal case (other characters start a new word: <c>bill_length_mm</c> is <c>BillLengthMm</c>), not starting with a digit, not a keyword, unique.</summary>
internal static class PropertyNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object",
        "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked",
        "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        // members and names the generated classes use themselves
        "ModelInput", "ModelOutput", "GetType", "ToString", "Equals", "GetHashCode",
    };

    public static IReadOnlyList<string> For(IEnumerable<string> columnNames)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (string column in columnNames)
        {
            var name = new StringBuilder();
            bool upper = true;
            foreach (char c in column)
            {
                if (char.IsLetterOrDigit(c))
                {
                    name.Append(upper ? char.ToUpperInvariant(c) : c);
                    upper = false;
                }
                else
                {
                    upper = true;
                }
            }
            string candidate = name.Length == 0 ? "Column" : char.IsDigit(name[0]) ? "_" + name : name.ToString();
            if (Reserved.Contains(candidate)) candidate = "_" + candidate;
            string unique = candidate;
            for (int k = 2; !taken.Add(unique); k++) unique = $"{candidate}_{k}";
            names.Add(unique);
        }
        return names;
    }
}
