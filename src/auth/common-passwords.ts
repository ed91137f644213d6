/**
 * A small list of passwords that are long enough to pass the length rule yet among the first an
 * attacker tries: keyboard walks, repeated digits, common words with numbers, and phrases common
 * among Ukrainian and Russian speakers. Not a breach corpus; a floor, checked case-insensitively.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '123123123123', '123412341234',
  '111111111111', '000000000000', '121212121212', '987654321098', '098765432109', '012345678901',
  '112233445566', '147258369147', '123456789123', '123456654321', 'aaaaaaaaaaaa', 'abcdefghijkl',
  'abcdefg12345', 'abc123abc123', 'abcd1234abcd', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf',
  'qwerty123456', 'qwertyqwerty', 'qwerty12345678', '1234qwerasdf', '1234567890qwerty', 'qwerty1234567',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', 'q1w2e3r4t5y6', 'zaq12wsxcde3',
  'zaq1zaq1zaq1', 'asdfghjkl123', 'asdfghjkl;\'', 'zxcvbnm12345', 'zxcvbnmasdfg', 'йцукенгшщзхъ',
  'фывапролджэ1', 'ячсмитьбю123', 'password1234', 'password12345', 'password123456', 'passwordpassword',
  'password!234', 'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'mypassword123', 'mypassword1234',
  'thisismypassword', 'nopassword12', 'temppassword', 'temporary123', 'default12345', 'changeme1234',
  'changemenow!', 'secret123456', 'letmein12345', 'letmeinplease', 'welcome12345', 'welcome2024!',
  'welcome2025!', 'welcome2026!', 'iloveyou1234', 'iloveyou123456', 'administrator', 'administrator1',
  'admin1234567', 'adminadmin123', 'rootpassword', 'trustno1trustno1', 'football1234', 'baseball1234',
  'superman1234', 'sunshine1234', 'princess1234', 'dragon123456', 'monkey123456', 'master123456',
  'starwars1234', 'whatever1234', 'michael12345', 'shadow123456', 'correcthorsebatterystaple',
  'youwillneverguess', 'slavaukraini', 'slavaukraini1', 'slavaukraini!', 'glorytoukraine',
  'ukraine12345', 'ukraine2022!', 'putinhuilo123', 'putinhuylo123', 'kyiv12345678', 'kharkiv12345',
  'слава україні', 'славаукраїні', 'славаукраине', 'пароль123456', 'парольпароль', 'vigil1234567',
  'vigilpassword',
]);

/** Words that, with only digits and symbols around them, still make a guessable password. */
export const COMMON_BASE_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwort', 'pass', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'letmein', 'iloveyou',
  'welcome', 'admin', 'administrator', 'root', 'changeme', 'secret', 'default', 'master', 'monkey',
  'dragon', 'football', 'baseball', 'sunshine', 'princess', 'superman', 'starwars', 'shadow', 'login',
  'user', 'test', 'guest', 'vigil', 'ukraine', 'ukraina', 'slavaukraini', 'putinhuilo', 'putinhuylo',
  'пароль', 'йцукен', 'україна', 'украина', 'abc', 'abcdef', 'abcdefgh',
]);
