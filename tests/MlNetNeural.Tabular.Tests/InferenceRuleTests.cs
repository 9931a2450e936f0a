using Microsoft.ML.Data;
using Microsoft.ML;
using System.Globalization;
using System.Text;

namespace MlNetNeural.Tabular.Tests;

/// <summary>Each inference rule on a table made to trigger it, with the reason reported.</summary>
public class InferenceRuleTests
{
    // 40 rows: id (unique whole numbers), constant, code (3 whole-number levels), amount (decimals, some missing),
    // colour (3 text levels), note (different free text per row), y.
    private static string Table(int rows = 40, Func<int, string>? label = null)
    {
        var text = new StringBuilder("id,constant,code,amount,colour,note,y\n");
        string[] colours = ["red", "green", "blue"];
        for (int i = 0; i < rows; i++)
        {
            string amount = i % 7 == 0 ? "" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append($"{1000 + i * 3},k,{i % 3 + 1},{amount},{colours[i % 3]},\"customer {i} called about the bill\",{(label ?? (r => r % 2 == 0 ? "no" : "yes"))(i)}\n");
        }
        return text.ToString();
    }

    private static TableInference Infer(string text, string label = "y", TabularTask? task = null, Dictionary<string, ColumnKind>? overrides = null, string? positive = null) =>
        TableInference.Infer(CsvTable.Parse(text), new InferenceOptions
        {
            LabelColumnName = label, Task = task, PositiveClass = positive,
            ColumnOverrides = overrides ?? new Dictionary<string, ColumnKind>(),
        });

    private static ColumnDecision Column(TableInference inference, string name) => inference.Columns.Single(c => c.Name == name);

    [Fact]
    public void EachColumnGetsItsKindAndReason()
    {
        var inference = Infer(Table());
        Assert.Equal(ColumnKind.Ignore, Column(inference, "id").Kind);
        Assert.Contains("identifier", Column(inference, "id").Reason);
        Assert.Equal(ColumnKind.Ignore, Column(inference, "constant").Kind);
        Assert.Contains("constant, every row is 'k'", Column(inference, "constant").Reason);
        Assert.Equal(ColumnKind.Numeric, Column(inference, "code").Kind);
        Assert.Contains("whole-number codes, 3 distinct values", Column(inference, "code").Reason);
        Assert.Equal(ColumnKind.Numeric, Column(inference, "amount").Kind);
        Assert.Contains("6 missing", Column(inference, "amount").Reason);
        Assert.Equal(ColumnKind.Categorical, Column(inference, "colour").Kind);
        Assert.Equal(CategoricalEncoding.OneHot, Column(inference, "colour").Encoding);
        Assert.Equal(ColumnKind.Text, Column(inference, "note").Kind);
        Assert.Contains("free text", Column(inference, "note").Reason);
        string report = inference.Describe();
        Assert.Contains("features: 2 numeric, 1 categorical, 1 text, 2 ignore", report);
    }

    [Fact]
    public void TheDescriptionLinesUpKindsWhenNamesAreInWideScripts()
    {
        // 年齢 (age) and 地域コード (area code) take two terminal columns a character; the kinds start in one column all the same.
        var text = new StringBuilder("年齢,地域コード,x,y\n");
        for (int row = 0; row < 30; row++) text.Append($"{20 + row % 10},{row % 3},{row * 0.5},{(row % 2 == 0 ? "a" : "b")}\n");
        string[] lines = Infer(text.ToString()).Describe().Split('\n');
        int KindColumn(string name)
        {
            string line = lines.Single(l => l.StartsWith("  " + name, StringComparison.Ordinal));
            return DisplayWidth.Of(line[..line.IndexOf("numeric", StringComparison.Ordinal)]);
        }
        Assert.Equal(2 + 10 + 2, KindColumn("x"));  // the widest name, 地域コード, is 10 columns
        Assert.Equal(KindColumn("x"), KindColumn("年齢"));
        Assert.Equal(KindColumn("x"), KindColumn("地域コード"));
        Assert.Equal(4, DisplayWidth.Of("年齢"));
        Assert.Equal(6, DisplayWidth.Of("Ame\u0301lie")); // six letters; the combining accent takes no column
        Assert.Equal("年齢  |", DisplayWidth.PadRight("年齢", 6) + "|");
    }

    [Fact]
    public void SmallTablesHaveNoIdentifiers()
    {
        var inference = Infer(Table(rows: 10));
        Assert.Equal(ColumnKind.Numeric, Column(inference, "id").Kind);
    }

    [Fact]
    public void ManyLevelsOfSingleWordsAreHashedAndManyLevelsOfSentencesAreText()
    {
        var text = new StringBuilder("code,phrase,y\n");
        for (int i = 0; i < 300; i++) text.Append($"C{i % 150},words number {i % 150} here,{i % 2}\n");
        var inference = Infer(text.ToString(), "y");
        Assert.Equal(ColumnKind.Categorical, Column(inference, "code").Kind);
        Assert.Equal(CategoricalEncoding.Hashing, Column(inference, "code").Encoding);
        Assert.Contains("150 levels (over 100)", Column(inference, "code").Reason);
        Assert.Equal(ColumnKind.Text, Column(inference, "phrase").Kind);
    }

    [Fact]
    public void ShortTextMostRowsHoldAloneIsIgnoredAsAnIdentifierAndSentencesStayText()
    {
        // 200 rows: person (a rank and a name, 4 words, 2 rows share one), remark (8 words, as rare), unit (4 words, 20 values).
        string[] ranks = ["Deputy Sheriff", "Police Officer", "State Trooper"];
        var text = new StringBuilder("person,remark,unit,y\n");
        for (int i = 0; i < 200; i++)
        {
            int who = i == 1 ? 0 : i;
            text.Append($"{ranks[who % 3]} Jo{who} Smith{who * 7},the officer {who} was on patrol that night,County Office {i % 20} East,{i % 2}\n");
        }
        var inference = Infer(text.ToString());
        Assert.Equal(ColumnKind.Ignore, Column(inference, "person").Kind);
        Assert.Equal("ignored: nearly an identifier, 199 distinct values and 99% of the rows hold a value no other row has, 4 words on average " +
                     "(fewer than 6: e.g. names or addresses rather than sentences); such text carries little to new rows; override to text to use it",
            Column(inference, "person").Reason);
        Assert.Equal(ColumnKind.Text, Column(inference, "remark").Kind);
        Assert.Contains("free text: 199 distinct values (over 100), 8 words on average, hashed into 512 slots", Column(inference, "remark").Reason);
        Assert.Equal(ColumnKind.Categorical, Column(inference, "unit").Kind);

        // A different value in every row: the same when short; and the override uses the text.
        var unique = Column(Infer(Table(rows: 40).Replace(" about the bill", "")), "note");
        Assert.Equal(ColumnKind.Ignore, unique.Kind);
        Assert.StartsWith("ignored: nearly an identifier, 40 distinct values and 100% of the rows", unique.Reason);
        var overridden = Infer(text.ToString(), overrides: new() { ["person"] = ColumnKind.Text });
        Assert.Equal(ColumnKind.Text, Column(overridden, "person").Kind);
        Assert.StartsWith("text by override, hashed into 512 slots", Column(overridden, "person").Reason);
    }

    [Fact]
    public void ClassesWithAHandfulOfRowsAreNamedInTheLabelsReason()
    {
        var inference = Infer(Table(rows: 60, label: r => r == 5 ? "rare" : r is 6 or 7 ? "scarce" : r % 2 == 0 ? "no" : "yes"));
        Assert.Contains("NOTE 'rare' (1 row), 'scarce' (2 rows) have fewer than 10 rows: the model can hardly learn them", inference.Label.Reason);
        Assert.DoesNotContain("NOTE", Infer(Table(rows: 60)).Label.Reason);
    }

    [Fact]
    public void OverridesWinAndAreMarked()
    {
        var inference = Infer(Table(), overrides: new() { ["code"] = ColumnKind.Categorical, ["id"] = ColumnKind.Numeric, ["note"] = ColumnKind.Ignore });
        Assert.Equal(ColumnKind.Categorical, Column(inference, "code").Kind);
        Assert.True(Column(inference, "code").IsOverride);
        Assert.Equal(ColumnKind.Numeric, Column(inference, "id").Kind);
        Assert.Equal(ColumnKind.Ignore, Column(inference, "note").Kind);
        Assert.False(Column(inference, "colour").IsOverride);
    }

    [Theory]
    [InlineData("text2", TabularTask.BinaryClassification)]
    [InlineData("text3", TabularTask.MulticlassClassification)]
    [InlineData("number2", TabularTask.BinaryClassification)]
    [InlineData("integers5", TabularTask.MulticlassClassification)]
    [InlineData("integers25", TabularTask.Regression)]
    [InlineData("decimals", TabularTask.Regression)]
    public void TaskFollowsTheLabel(string kind, TabularTask expected)
    {
        Func<int, string> label = kind switch
        {
            "text2" => r => r % 3 == 0 ? "bad" : "good",
            "text3" => r => (r % 3).ToString() + "x",
            "number2" => r => (r % 2).ToString(),
            "integers5" => r => (r % 5).ToString(),
            "integers25" => r => (r % 25).ToString(),
            _ => r => (r * 0.37).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var inference = Infer(Table(label: label));
        Assert.Equal(expected, inference.Label.Task);
        Assert.Contains(expected == TabularTask.Regression ? "regression" : "classification", inference.Label.Reason);
    }

    [Fact]
    public void PositiveClassIsTheLaterValueUnlessSet()
    {
        Assert.Equal("yes", Infer(Table()).Label.PositiveClass);
        Assert.Equal("no", Infer(Table(), positive: "no").Label.PositiveClass);
        Assert.Equal(["no", "yes"], Infer(Table()).Label.Classes);
        var error = Assert.Throws<TabularDataException>(() => Infer(Table(), positive: "Yes"));
        Assert.Equal(TabularProblem.InvalidOption, error.Problem);
        Assert.EndsWith("its values are no, yes. Give one of them (exactly as written, letter case included), or leave the positive class out to take the later in sort order.", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WholeNumbersThatTellMoreOneByOneThanInOrderGetACodeNoteAndAmountsDoNot(bool regression)
    {
        // 2,400 rows (60 a site, 40 an age: enough for the test). 'site' is 40 codes whose effect on the label is a scramble of
        // them (a code); 'age' (20 to 79) raises the label steadily (an amount); 'site_override' is 'site' with the kind set by
        // the caller; 'dose' is 'site' plus a half.
        var text = new StringBuilder("site,age,site_override,dose,y\n");
        var random = new Random(3);
        for (int row = 0; row < 2400; row++)
        {
            int site = random.Next(40) + 1, age = 20 + random.Next(60);
            double siteEffect = site * 17 % 40 / 40.0, ageEffect = (age - 20) / 60.0;
            double signal = regression ? 3 * siteEffect + ageEffect + 0.3 * random.NextDouble() : siteEffect + 0.5 * ageEffect + 0.4 * random.NextDouble();
            string y = regression ? signal.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : signal > 0.9 ? "yes" : "no";
            text.Append($"{site},{age},{site},{site}.5,{y}\n");
        }
        var inference = Infer(text.ToString(), overrides: new Dictionary<string, ColumnKind> { ["site_override"] = ColumnKind.Numeric });

        string codes = Column(inference, "site").Reason;
        Assert.Equal(ColumnKind.Numeric, Column(inference, "site").Kind); // a NOTE, not a decision
        Assert.Contains("; NOTE its 40 whole numbers tell more about the label one by one than in order (mutual information ", codes);
        Assert.EndsWith("nats in 16 ordered groups): if they are codes (places, groups, products), override its kind to categorical", codes);
        Assert.DoesNotContain("NOTE", Column(inference, "age").Reason);
        Assert.DoesNotContain("NOTE", Column(inference, "site_override").Reason);
        Assert.DoesNotContain("NOTE", Column(inference, "dose").Reason);
    }

    [Fact]
    public void APositiveClassForALabelThatIsNotBinaryIsRefusedNotIgnored()
    {
        var multiclass = Assert.Throws<TabularDataException>(() => Infer(Table(label: r => (r % 3).ToString() + "x"), positive: "1x"));
        Assert.Equal(TabularProblem.InvalidOption, multiclass.Problem);
        Assert.Equal("1x", multiclass.Value);
        Assert.Contains("the positive class '1x' names one of the two classes of a binary label, but the label 'y' is multiclass classification (inferred): text with 3 values", multiclass.Message);
        Assert.EndsWith("Leave the positive class out.", multiclass.Message);

        var regression = Assert.Throws<TabularDataException>(() => Infer(Table(label: r => (r * 0.37).ToString(System.Globalization.CultureInfo.InvariantCulture)), positive: "1"));
        Assert.Contains("but the label 'y' is regression (inferred)", regression.Message);
        Assert.Equal("y", regression.Column);
    }

    [Fact]
    public void NumericClassesAreInNumericOrder()
    {
        var inference = Infer(Table(label: r => (r % 12).ToString()));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString()), inference.Label.Classes);
    }

    [Fact]
    public void RowsWithoutLabelAreLeftOutAndCounted()
    {
        var inference = Infer(Table(label: r => r % 10 == 0 ? "" : r % 2 == 0 ? "no" : "yes"));
        Assert.Equal(4, inference.Label.MissingCount);
        Assert.Contains("4 rows with a missing label are left out", inference.Label.Reason);
        Assert.Equal(36, TabularDataset.Create(inference).RowCount);
    }

    [Fact]
    public void AFewWordsAmongMostlyNumbersAreReadAsMissingWithANote()
    {
        // 'unknown' once among 59 numbers: numeric, the word missing (with its indicator), and a NOTE that it may stand for a value.
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) text.Append(i == 17 ? "unknown" : (i % 30).ToString()).Append(',').Append(i % 2).Append('\n');
        var decision = Column(Infer(text.ToString()), "x");
        Assert.Equal(ColumnKind.Numeric, decision.Kind);
        Assert.Equal(["unknown"], decision.MissingTokens);
        Assert.Contains("'unknown' (1 row, first on line 19) read as missing: not numbers in a column of numbers; NOTE if one stands for a value", decision.Reason);
    }

    [Fact]
    public void AColumnOfDistinctMeasurementsWithAFewWordsIsNumericNotANearIdentifier()
    {
        // Distinct measurements with three words in 9% of the rows: before, text whose levels were nearly all held by one row,
        // so the column (which decides the label here) was ignored as a near-identifier.
        string[] words = ["high", "unknown", "?"];
        var text = new StringBuilder("m,y\n");
        for (int i = 0; i < 200; i++)
        {
            double value = i * 0.731 % 17 - 8;
            text.Append(i % 11 == 3 ? words[i % 3] : value.ToString("0.000", CultureInfo.InvariantCulture)).Append(',').Append(value > 0 ? "yes" : "no").Append('\n');
        }
        var decision = Column(Infer(text.ToString()), "m");
        Assert.Equal(ColumnKind.Numeric, decision.Kind);
        Assert.Equal(["high", "unknown"], decision.MissingTokens); // '?' is one of the file's own missing tokens
        Assert.Equal(18, decision.MissingCount);
    }

    [Fact]
    public void DistinctNumbersThatRiseWithEveryRowGetAnIdentifierNote()
    {
        // R's row names of a survey by year (1978.1, 1978.2, ...): numeric, with a NOTE; the same values shuffled are measurements.
        var rising = new StringBuilder("r,y\n");
        var shuffled = new StringBuilder("r,y\n");
        for (int i = 0; i < 40; i++)
        {
            rising.Append(1978 + i / 9).Append('.').Append(i % 9 + 1).Append(',').Append(i % 2).Append('\n');
            int j = i * 7 % 40;
            shuffled.Append(1978 + j / 9).Append('.').Append(j % 9 + 1).Append(',').Append(i % 2).Append('\n');
        }
        var decision = Column(Infer(rising.ToString()), "r");
        Assert.Equal(ColumnKind.Numeric, decision.Kind);
        Assert.Contains("NOTE a different value in every row, rising from each row to the next: if it numbers the rows (an identifier), ignore it", decision.Reason);
        Assert.DoesNotContain("NOTE", Column(Infer(shuffled.ToString()), "r").Reason);
        // R's row names past the ninth row of a year (1978.9, 1978.10, ...): not rising as numbers, but 1978.1 and 1978.10 are
        // two texts of one number, which measurements never are.
        var names = new StringBuilder("r,y\n");
        for (int i = 0; i < 40; i++) names.Append(1978 + i / 12).Append('.').Append(i % 12 + 1).Append(',').Append(i % 2).Append('\n');
        Assert.Contains("NOTE a different text in every row, but some are the same number ('1978.1' and '1978.10'): if it numbers the rows (an identifier), ignore it",
            Column(Infer(names.ToString()), "r").Reason);
    }

    [Fact]
    public void APlaceholderAmongNumbersIsMissingInThatColumnAndInNewFiles()
    {
        // '-' for missing in a quarter of the rows (an export's placeholder): the column is numeric with '-' as missing.
        var text = new StringBuilder("x,sign,y\n");
        for (int i = 0; i < 80; i++)
            text.Append(i % 4 == 0 ? "-" : (i * 0.37).ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(i % 3 == 0 ? '-' : '+').Append(',').Append(i % 2).Append('\n');
        var inference = Infer(text.ToString());
        var x = Column(inference, "x");
        Assert.Equal(ColumnKind.Numeric, x.Kind);
        Assert.Equal(["-"], x.MissingTokens);
        Assert.Equal(20, x.MissingCount);
        Assert.Contains("'-' (20 rows, first on line 2) read as missing", x.Reason);
        // In a column without numbers '-' is a value (a negative test result), not a placeholder.
        Assert.Equal(ColumnKind.Categorical, Column(inference, "sign").Kind);
        Assert.Empty(Column(inference, "sign").MissingTokens);
        // The model's schema keeps the token (format 3), so a new file is read the same way.
        var schema = TabularSchema.FromJson(inference.Schema.ToJson());
        Assert.Contains("\"format\": 3", inference.Schema.ToJson());
        var view = TabularDataset.Create(schema, CsvTable.Parse("x,sign,y\n-,+,1\n2.5,-,0\n")).ToDataView();
        float[] values = [.. view.GetColumn<float>("x")];
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal(2.5f, values[1]);
    }

    [Fact]
    public void AColumnOfNumbersAndAFewWordsSaysSoEvenWhenAQuarterAreTheWord()
    {
        // A word for missing in a quarter of the rows may mean something ('unknown', 'n.d.'): the column is not numeric, and its
        // reason says which token keeps it from being numeric and how to make it so.
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 80; i++) text.Append(i % 4 == 0 ? "n.d." : (i * 0.37).ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(i % 2).Append('\n');
        var decision = Column(Infer(text.ToString()), "x");
        Assert.NotEqual(ColumnKind.Numeric, decision.Kind);
        Assert.Contains("NOTE 60 of 80 values are numbers, the others 'n.d.' (20 rows, the first on line 2) are not", decision.Reason);
        // Four different tokens are no longer placeholders: no NOTE then.
        text = new StringBuilder("x,y\n");
        string[] tokens = ["-", "low", "high", "x"];
        for (int i = 0; i < 80; i++) text.Append(i % 4 == 0 ? tokens[i / 4 % 4] : (i * 0.37).ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(i % 2).Append('\n');
        Assert.DoesNotContain("NOTE", Column(Infer(text.ToString()), "x").Reason);
    }

    [Fact]
    public void AWholeNumberLabelSaysHowToTakeItTheOtherWay()
    {
        // 26 letters coded 1 to 26: more values than class codes get, so an amount, with a NOTE on how to make them classes.
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 104; i++) text.Append(i * 0.1).Append(',').Append(i % 26 + 1).Append('\n');
        var regression = Infer(text.ToString()).Label;
        Assert.Equal(TabularTask.Regression, regression.Task);
        Assert.Contains("NOTE whole numbers with 26 values are taken as an amount; if they are codes of classes, set the task to multiclass", regression.Reason);
        Assert.DoesNotContain("NOTE", Infer(text.ToString(), task: TabularTask.Regression).Label.Reason);
        // Counts 0 to 5: classes, with a NOTE on how to make them an amount; text classes and a task set by the caller get none.
        text = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) text.Append(i * 0.1).Append(',').Append(i % 6).Append('\n');
        var multiclass = Infer(text.ToString()).Label;
        Assert.Equal(TabularTask.MulticlassClassification, multiclass.Task);
        Assert.Contains("NOTE whole numbers are taken as classes; if they are counts or points on a scale, set the task to regression", multiclass.Reason);
        Assert.DoesNotContain("NOTE", Infer(text.ToString(), task: TabularTask.MulticlassClassification).Label.Reason);
        Assert.DoesNotContain("set the task", Infer("x,y\n1,a\n2,b\n3,c\n4,a\n5,b\n6,c\n", "y").Label.Reason);
    }

    [Fact]
    public void LabelValuesThatDifferOnlyInCaseOrSpacesGetANote()
    {
        var text = new StringBuilder("x,y\n");
        string[] labels = ["yes", "Yes", "no", "\" no\""];
        for (int i = 0; i < 80; i++) text.Append(i % 7).Append(',').Append(labels[i % 4]).Append('\n');
        var label = Infer(text.ToString(), "y").Label;
        Assert.Equal(TabularTask.MulticlassClassification, label.Task);
        Assert.Contains("NOTE ' no' and 'no', 'Yes' and 'yes' differ only in letter case or spaces", label.Reason);
        Assert.DoesNotContain("letter case", Infer("x,y\n1,a\n2,b\n3,a\n4,b\n", "y").Label.Reason);
    }

    [Fact]
    public void SqlAndSpreadsheetMissingMarkersLeaveANumberColumnNumeric()
    {
        var text = new StringBuilder("x,y\n");
        string[] markers = ["NULL", "null", "#N/A", "n/a", "nan"];
        for (int i = 0; i < 60; i++) text.Append(i % 6 == 5 ? markers[i / 6 % 5] : (i * 1.5).ToString(CultureInfo.InvariantCulture)).Append(',').Append(i % 2).Append('\n');
        var decision = Column(Infer(text.ToString()), "x");
        Assert.Equal(ColumnKind.Numeric, decision.Kind);
        Assert.Equal(10, decision.MissingCount);
    }
}
