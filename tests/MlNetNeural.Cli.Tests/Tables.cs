using System.Globalization;
using System.Text;

namespace MlNetNeural.Cli.Tests;

/// <summary>Small CSV tables for the tool's tests: awkward column names, quoted text, missing values, an identifier.</summary>
internal static class Tables
{
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

    /// <summary>Regression label "price" from "size", "rooms" (codes 1-5) and "area" (two levels).</summary>
    public static string Regression(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("size;rooms;area;price\n");
        for (int i = 0; i < rows; i++)
        {
            double size = 40 + random.NextDouble() * 100;
            int rooms = 1 + random.Next(5);
            bool centre = random.Next(2) == 1;
            double price = 2000 * size + 15000 * rooms + (centre ? 60000 : 0) + random.NextDouble() * 20000;
            // A European file: ';' separated, decimal comma.
            text.Append(CultureInfo.InvariantCulture, $"{size.ToString("F1", CultureInfo.InvariantCulture).Replace('.', ',')};{rooms};{(centre ? "centre" : "suburb")};{price.ToString("F0", CultureInfo.InvariantCulture)}\n");
        }
        return text.ToString();
    }
}
