import { foldVietnamese } from './fold-vietnamese';

describe(foldVietnamese.name, () => {
  it('strips every Vietnamese diacritic, including đ', () => {
    expect(foldVietnamese('Nguyễn Thị Hường')).toBe('nguyen thi huong');
    expect(foldVietnamese('Đặng Văn Đức')).toBe('dang van duc');
    expect(foldVietnamese('ăâêôơư áàảãạ ỳýỷỹỵ')).toBe('aaeoou aaaaa yyyyy');
  });

  it('folds precomposed and decomposed input the same way', () => {
    expect(foldVietnamese('Nguy\u1ec5n')).toBe(foldVietnamese('Nguye\u0302\u0303n'));
  });

  it('collapses whitespace', () => {
    expect(foldVietnamese('  Lê   Thị\tMai ')).toBe('le thi mai');
  });
});
