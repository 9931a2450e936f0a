namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>The decisions' JSON: a faithful round trip, and refusals that say what is wrong.</summary>
public class TabularSchemaTests
{
    [Fact]
    public void JsonRoundTripKeepsEveryDecision()
    {
        var inference = SearchTables.Infer(SearchTables.Binary(), "y");
        var back = TabularSchema.FromJson(inference.Schema.ToJson());
        Assert.Equal(inference.Label.Task, back.Label.Task);
        Assert.Equal(inference.Label.Classes, back.Label.Classes);
        Assert.Equal(inference.Label.PositiveClass, back.Label.PositiveClass);
        Assert.Equal(inference.Label.Reason, back.Label.Reason);
        Assert.Equal(inference.Columns.Select(c => (c.Name, c.Kind, c.Encoding, c.Reason, c.IsOverride, c.DistinctValues, c.MissingCount)),
            back.Columns.Select(c => (c.Name, c.Kind, c.Encoding, c.Reason, c.IsOverride, c.DistinctValues, c.MissingCount)));
        Assert.Equal(inference.Schema.ToJson(), back.ToJson());
    }

    [Theory]
    [InlineData("not json", "is not a column schema")]
    [InlineData("{\"format\": 4, \"label\": {}, \"columns\": []}", "format 4")]
    [InlineData("{\"format\": 1, \"columns\": []}", "has no label")]
    [InlineData("{\"format\": 1, \"label\": {\"name\": \"y\", \"task\": \"BinaryClassification\", \"classes\": [\"a\", \"b\"], \"positiveClass\": \"c\"}, \"columns\": []}", "positive class")]
    [InlineData("{\"format\": 1, \"label\": {\"name\": \"y\", \"task\": \"Regression\"}, \"columns\": [{\"name\": \"y\", \"kind\": \"Numeric\"}]}", "appears twice")]
    [InlineData("{\"format\": 1, \"label\": {\"name\": \"y\", \"task\": \"Regression\"}, \"columns\": [{\"name\": \"x\", \"kind\": \"Ignore\"}]}", "no column is a feature")]
    [InlineData("{\"format\": 1, \"label\": {\"name\": \"y\", \"task\": \"Regression\"}, \"columns\": [{\"name\": \"x\", \"kind\": 7}]}", "is not a column schema")]
    public void DamagedJsonIsRefused(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TabularSchema.FromJson(json, "model.zip"));
        Assert.StartsWith("model.zip: the column schema cannot be read", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AReloadedSchemaTypesNewFilesLikeTheInference()
    {
        var inference = SearchTables.Infer(SearchTables.Binary(), "y");
        var schema = TabularSchema.FromJson(inference.Schema.ToJson());
        var table = CsvTable.Parse("x1,x2,color,y\n0.5,,red,yes\n1,2,green,no\n");
        var fromSchema = TabularDataset.Create(schema, table).ToDataView();
        var fromInference = TabularDataset.Create(inference, table).ToDataView();
        Assert.Equal(fromInference.Schema.Select(c => (c.Name, c.Type)), fromSchema.Schema.Select(c => (c.Name, c.Type)));
        var bad = CsvTable.Parse("x1,x2,color,y\n0.5,lots,red,yes\n", source: "new.csv");
        var error = Assert.Throws<TabularDataException>(() => TabularDataset.Create(schema, bad));
        Assert.Equal((TabularProblem.UnreadableNumber, 2L, "x2"), (error.Problem, error.Row, error.Column));
    }
}
