using System.Globalization;
using System.Text;

namespace MlNetNeural.Cli.Tests;

/// <summary>Small CSV tables for the tool's tests: awkward column names, quoted text, missing values, an identifier.</summary>
internal static class Tables
{
    /// <summary>300 rows of 300 uniform columns c0..c299; the label "y" is yes when c0 + c1 > 1: two columns decide it, the rest carry nothing.</summary>
    public static string Wide()
    {
        var random = new Random(4);
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, 300).Select(j => $"c{j}")) + ",y\n");
        for (int i = 0; i < 300; i++)
        {
            double[] v = [.. Enumerable.Range(0, 300).Select(_ => random.NextDouble())];
            text.Append(string.Join(",", v.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))).Append(v[0] + v[1] > 1 ? ",yes\n" : ",no\n");
        }
        return text.ToString();
    }

    /// <summary>Binary label "outcome" (yes/no) from "age", "bill length (mm)" (missing in every 12th row) and "plan" (quoted levels, one with a comma); "id" is an identifier.</summary>
    public static string Binary(int rows = 240, int seed = 2)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,age,bill length (mm),plan,outcome\n");
        string[] plans = ["\"basic\"", "\"plus, yearly\"", "\"pro\""];
        for (int i = 0; i < rows; i++)
        {
            double age = 20 + random.NextDouble() * 50, length = random.NextDouble() * 10;
            int plan = random.Next(3);
            bool yes = (age - 45) / 12 + (length - 5) / 3 + (plan - 1) * 0.7 + (random.NextDouble() - 0.5) > 0;
            string lengthText = i % 12 == 0 ? "" : length.ToString("F2", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{1000 + i},{age:F1},{lengthText},{plans[plan]},{(yes ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Regression label "price" from "size", "rooms" (codes 1-5), "area" (two levels) and "listed" (a day-first date, prices
    /// rising over the years); a European file: ';' separated, decimal commas, prices grouped by thousands (250.123,45).
    /// </summary>
    public static string Regression(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("size;rooms;area;listed;price\n");
        for (int i = 0; i < rows; i++)
        {
            double size = 40 + random.NextDouble() * 100;
            int rooms = 1 + random.Next(5);
            bool centre = random.Next(2) == 1;
            var listed = new DateTime(2015, 1, 1).AddDays(random.Next(3000));
            double price = 2000 * size + 15000 * rooms + (centre ? 60000 : 0) + 20 * (listed - new DateTime(2015, 1, 1)).TotalDays + random.NextDouble() * 20000;
            text.Append(CultureInfo.InvariantCulture,
                $"{European(size.ToString("F1", CultureInfo.InvariantCulture))};{rooms};{(centre ? "centre" : "suburb")};{listed.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)};{European(price.ToString("N2", CultureInfo.InvariantCulture))}\n");
        }
        return text.ToString();
    }

    // 250,123.45 -> 250.123,45 (the marks swapped, without depending on the machine's culture data).
    private static string European(string invariant) => string.Concat(invariant.Select(c => c switch { ',' => '.', '.' => ',', _ => c }));
}
