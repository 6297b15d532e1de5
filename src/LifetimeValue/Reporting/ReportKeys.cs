using System.Globalization;
using System.Text;

namespace LifetimeValue.Reporting;

/// <summary>JSON keys from labels: camelCase words of letters and digits ("CI low (95 %)" → <c>ciLow95</c>), never an underscore.</summary>
internal static class ReportKeys
{
    public static string CamelCase(string label)
    {
        var sb = new StringBuilder(label.Length);
        var newWord = false;
        foreach (var c in label)
        {
            if (c == '−')
            {
                Append(sb, "minus", ref newWord);
                newWord = true;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                if (sb.Length == 0)
                {
                    sb.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    sb.Append(newWord ? char.ToUpperInvariant(c) : c);
                }

                newWord = false;
            }
            else
            {
                newWord = true;
            }
        }

        if (sb.Length == 0)
        {
            return "value";
        }

        // An all-capitals first word (CLV, IRR, CI) reads better in lower case: "CLV P5" → clvP5.
        var firstWordEnd = 1;
        while (firstWordEnd < sb.Length && char.IsAsciiLetterUpper(sb[firstWordEnd]))
        {
            firstWordEnd++;
        }

        if (firstWordEnd > 1 && (firstWordEnd == sb.Length || !char.IsAsciiLetterLower(sb[firstWordEnd])))
        {
            for (var i = 1; i < firstWordEnd; i++)
            {
                sb[i] = char.ToLowerInvariant(sb[i]);
            }
        }

        return char.IsAsciiDigit(sb[0]) ? "n" + sb : sb.ToString();
    }

    public static string[] Unique(IEnumerable<string> labels)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var label in labels)
        {
            var key = CamelCase(label);
            var candidate = key;
            for (var k = 2; !used.Add(candidate); k++)
            {
                candidate = key + k.ToString(CultureInfo.InvariantCulture);
            }

            keys.Add(candidate);
        }

        return [.. keys];
    }

    private static void Append(StringBuilder sb, string word, ref bool newWord)
    {
        sb.Append(sb.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..]);
        newWord = false;
    }
}
