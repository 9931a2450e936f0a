using System.Globalization;
using System.Text;

namespace MlNetNeural.Tabular.Tests;

/// <summary>Small synthetic tables for the model and search tests (fast to train on).</summary>
internal static class SearchTables
{
    /// <summary>
    /// <paramref name="rows"/> rows: x1, x2 numbers (x2 missing in every 15th row), color (3 levels), y = "yes" when
    /// x1 + x2² + color effect + noise > 1, else "no".
    /// </summary>
    public static string Binary(int rows = 240, int seed = 5)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,color,y\n");
        string[] colors = ["red", "green", "blue"];
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextDouble() * 3 - 1.5, x2 = random.NextDouble() * 2 - 1;
            int color = random.Next(3);
            bool y = x1 + x2 * x2 + (color - 1) * 0.8 + (random.NextDouble() - 0.5) * 0.6 > 0.3;
            string x2Text = i % 15 == 0 ? "" : x2.ToString("F4", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{x1:F4},{x2Text},{colors[color]},{(y ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    /// <summary>A regression table: y = 3·x1 − 2·x2 + small noise, with a categorical offset.</summary>
    public static string Regression(int rows = 200, int seed = 3)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,kind,y\n");
        for (int i = 0; i < rows; i++)
        {
            double x1 = random.NextDouble(), x2 = random.NextDouble();
            int kind = random.Next(2);
            double y = 3 * x1 - 2 * x2 + kind + random.NextDouble() * 0.1;
            text.Append(CultureInfo.InvariantCulture, $"{x1:F4},{x2:F4},{(kind == 1 ? "a" : "b")},{y:F4}\n");
        }
        return text.ToString();
    }

    public static TableInference Infer(string text, string label) =>
        TableInference.Infer(CsvTable.Parse(text, source: "table.csv"), new InferenceOptions { LabelColumnName = label });
}
