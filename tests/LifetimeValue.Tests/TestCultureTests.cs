using System.Globalization;

namespace LifetimeValue.Tests;

/// <summary>
/// The test run's culture is German (default.runsettings sets LANG/LC_ALL to de_DE.UTF-8 and the test projects do not
/// use invariant globalization), so culture-dependent formatting in the library fails the writers' tests.
/// </summary>
public sealed class TestCultureTests
{
    [Test]
    public void CurrentCulture_IsGerman_SoCultureBugsShow()
    {
        CultureInfo.CurrentCulture.Name.Should().Be("de-DE", "default.runsettings sets de_DE.UTF-8 for the test host");
        1234.5.ToString("N1", CultureInfo.CurrentCulture).Should().Be("1.234,5", "German group and decimal separators");
    }
}
