using MlNetNeural.Cli.Output;

namespace MlNetNeural.Cli.Tests;

/// <summary>The pieces of generated code that must be valid for any column name or value.</summary>
public class GeneratedTextTests
{
    [Fact]
    public void PropertyNamesArePascalCaseIdentifiersAndUnique()
    {
        Assert.Equal(["BillLengthMm", "BillLengthMm_2", "_2ndVisit", "Class", "Column", "ÄrzteZahl", "_ModelInput"],
            PropertyNames.For(["bill_length_mm", "bill length (mm)", "2nd visit", "class", "%%", "ärzte zahl", "ModelInput"]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("bell\u0007", "\"bell\\u0007\"")]
    public void StringLiteralsEscapeWhatCSharpNeeds(string text, string literal) => Assert.Equal(literal, ExampleProgram.StringLiteral(text));
}
