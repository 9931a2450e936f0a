using System.Text;

namespace MlNetNeural.Cli.Output;

/// <summary>C# property names for column names: the letters and digits in Pascal case (other characters start a new word: <c>bill_length_mm</c> is <c>BillLengthMm</c>), not starting with a digit, unique, clashing with nothing the generated program declares.</summary>
internal static class PropertyNames
{
    // Pascal case never makes a C# keyword (they are all lower case); these would clash with the generated classes or object's members.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "ModelInput", "ModelOutput", "GetType", "ToString", "Equals", "GetHashCode" };

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
